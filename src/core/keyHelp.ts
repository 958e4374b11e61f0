/** The documentation of a front matter key, for completion and hovers: from the post-meta schema (frontMatterHelp.ts) or a team's JSON Schema (jsonSchemaHelp.ts). */
export interface KeyHelp {
  key: string;
  description: string;
  /** What a valid value looks like ("one of beginner, intermediate, advanced"). */
  expected?: string;
  /** How the value is written: on the same line, or as an indented block below the key. */
  shape: 'scalar' | 'list' | 'map';
  /** A key of the post-meta box that only posts use. */
  postOnly?: boolean;
}
