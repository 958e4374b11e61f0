/** Finding, reading, validating and merging configuration files. File access goes through `ConfigHost`, so this runs anywhere. */
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { jsonc } from '../lazyModules';
import { BUILTIN_FIELDS, type FieldDefinition } from '../fields';
import { BUILTIN_PLACEHOLDERS, PlaceholderMatcher } from '../fields/placeholders';
import { BUILTIN_KINDS, type GlobPattern, type KindDefinition, type KindSchema } from '../kinds';
import { normalizeTitle } from '../parse';
import { dirname, isInside, joinPath, normalizePath } from '../paths';
import { findRule, RULES } from '../rules';
import { describeIssues, type IssuePath } from '../schemaIssues';
import { LineIndex } from '../text';
import type { SeveritySetting } from '../types';
import { OWNER_SOURCES, type OwnerSource } from '../owners/sources';
import type { ConfigHost, ConfigProblem, ResolvedConfig, RuleSetting } from './types';
import { loadKindSchemas } from './kindSchema';
import { configSchema, type RawConfig } from './schema';

export const CONFIG_FILE_NAME = '.runbook-notes.json';

/** A configuration file that cannot be used: every problem found, each with its position. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(problems.map((problem) => `${file}:${problem.line}:${problem.column}: ${problem.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export type { ConfigHost, ConfigProblem, ResolvedConfig, RuleSetting } from './types';

/** One configuration source: a file, or the editor's settings (whose globs are relative to the workspace folder). */
export interface ConfigLayer {
  config: RawConfig;
  /** The folder relative globs in this layer start from. */
  base: string;
  file?: string;
  /** The kind schemas the layer names (`kinds.<name>.schema`), loaded and compiled (see loadKindSchemas). */
  schemas?: ReadonlyMap<string, KindSchema>;
}

function positionOf(lines: LineIndex, start: number, end: number): Omit<ConfigProblem, 'message'> {
  const from = lines.positionAt(start);
  const to = lines.positionAt(Math.max(end, start + 1));
  return { line: from.line + 1, column: from.column + 1, endLine: to.line + 1, endColumn: to.column + 1 };
}

function nodeFor(tree: JsonNode | undefined, path: IssuePath, onKey: boolean): JsonNode | undefined {
  if (!tree) return undefined;
  for (let depth = path.length; depth >= 0; depth--) {
    const node = jsonc().findNodeAtLocation(tree, path.slice(0, depth));
    if (!node) continue;
    if (onKey && depth === path.length && node.parent?.type === 'property') return node.parent.children?.[0];
    return node;
  }
  return tree;
}

/** Validates a configuration file's text (JSON with line and block comments and trailing commas, as VS Code reads `jsonc`). Throws ConfigError naming each problem's line, column, key and value. */
export function parseConfigText(text: string, file: string): RawConfig {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  // JSON with comments and trailing commas (as VS Code's own settings and tsconfig.json): `runbook-notes init` writes a commented file.
  const tree = jsonc().parseTree(text, errors, { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    const problems = errors.map((error) => ({
      ...positionOf(lines, error.offset, error.offset + error.length),
      message: `not valid JSON: ${describeJsonError(jsonc().printParseErrorCode(error.error))}`,
    }));
    throw new ConfigError(file, problems.length > 0 ? problems : [{ ...positionOf(lines, 0, 1), message: 'not valid JSON: the file is empty' }]);
  }
  const data: unknown = jsonc().getNodeValue(tree);
  const result = configSchema().safeParse(data);
  // The data as written, not as parsed: parsing fills in option defaults, which would override what an extended file set.
  if (result.success) return data as RawConfig;
  const problems = describeIssues(configSchema(), data, result.error.issues).map((problem) => {
    const node = nodeFor(tree, problem.path, problem.onKey);
    return { ...positionOf(lines, node?.offset ?? 0, (node?.offset ?? 0) + (node?.length ?? 1)), message: problem.message };
  });
  throw new ConfigError(file, problems);
}

function describeJsonError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: "expected ':'",
    CommaExpected: "expected ','",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: 'unexpected content after the end of the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EISDIR' || code === 'FileIsADirectory') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM' || code === 'NoPermissions') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Reads a configuration file and the files it extends, base first. */
export async function loadConfigLayers(file: string, host: ConfigHost, chain: string[] = []): Promise<ConfigLayer[]> {
  const path = normalizePath(file);
  let text: string | undefined;
  try {
    text = await host.readFile(path);
  } catch (error) {
    throw new ConfigError(path, [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: `cannot read the configuration file: ${describeReadError(error)}` }]);
  }
  if (text === undefined) throw new ConfigError(path, [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: 'the configuration file does not exist' }]);
  const source = text.replace(/^\uFEFF/, '');
  const config = parseConfigText(source, path);
  const layer: ConfigLayer = { config, base: dirname(path), file: path };
  const { schemas, problems } = await loadKindSchemas(layer, host, source);
  if (problems.length > 0) throw new ConfigError(path, problems);
  layer.schemas = schemas;
  if (!config.extends) return [layer];
  const target = joinPath(dirname(path), config.extends);
  // Reported here, where the `extends` that closes the loop is written, rather than in the file it leads back to.
  if (target === path || chain.includes(target)) {
    throw new ConfigError(path, [{ ...extendsPosition(source), message: `extends: '${config.extends}' extends itself through ${[...chain, path, target].join(' → ')}; expected a file that does not lead back here` }]);
  }
  let base: ConfigLayer[];
  try {
    base = await loadConfigLayers(target, host, [...chain, path]);
  } catch (error) {
    if (error instanceof ConfigError && error.file === target && error.problems[0]?.message === 'the configuration file does not exist') {
      throw new ConfigError(path, [{ ...extendsPosition(source), message: `extends: expected an existing configuration file; got '${config.extends}' (${target} does not exist)` }]);
    }
    throw error;
  }
  return [...base, layer];
}

/** Where the `extends` value stands in a configuration file's text. */
function extendsPosition(text: string): Omit<ConfigProblem, 'message'> {
  const tree = jsonc().parseTree(text);
  const node = tree ? jsonc().findNodeAtLocation(tree, ['extends']) : undefined;
  return positionOf(new LineIndex(text), node?.offset ?? 0, (node?.offset ?? 0) + (node?.length ?? 1));
}

/** `../shared/**` and `/srv/notes/**` name their own folder: it becomes the glob's base, so the pattern matches below it. */
function anchorGlob(pattern: string, base: string): GlobPattern {
  let rest = pattern.replace(/^(?:\.\/)+/, '');
  if (rest.startsWith('/')) return { pattern: rest.replace(/^\/+/, ''), base: '/' };
  let folder = base;
  while (rest.startsWith('../')) {
    folder = dirname(folder);
    rest = rest.slice(3);
  }
  return { pattern: rest, base: folder };
}

function ruleIdOf(key: string): string {
  return findRule(key)?.id ?? key;
}

/** Merges layers (base first) over the built-in kinds, fields and rule defaults. `root` anchors the built-in kinds' globs. */
export function resolveConfig(layers: readonly ConfigLayer[], root: string): ResolvedConfig {
  const ruleSettings = new Map<string, { severity?: SeveritySetting; options: Record<string, unknown> }>();
  type KindEntry = Omit<KindDefinition, 'name'>;
  const kinds = new Map<string, KindEntry>();
  let timeZone: string | undefined;
  for (const kind of BUILTIN_KINDS) {
    kinds.set(kind.name, { include: kind.include.map((pattern) => ({ pattern, base: root })), require: [...kind.require], builtin: true });
  }
  const fields = new Map<string, FieldDefinition>(BUILTIN_FIELDS.map((field) => [field.name, { ...field, keys: [...field.keys], headings: [...field.headings] }]));
  const customKindOrder: string[] = [];
  let ownerSources: readonly OwnerSource[] = OWNER_SOURCES;
  const placeholders: string[] = [];

  for (const layer of layers) {
    if (layer.config.owners?.sources) ownerSources = layer.config.owners.sources as OwnerSource[];
    for (const entry of layer.config.placeholders ?? []) if (!placeholders.includes(entry)) placeholders.push(entry);
    if (layer.config.timeZone) timeZone = layer.config.timeZone;
    for (const [key, setting] of Object.entries(layer.config.rules ?? {})) {
      if (setting === undefined) continue;
      const id = ruleIdOf(key);
      const current = ruleSettings.get(id) ?? { options: {} };
      if (typeof setting === 'string') current.severity = setting as SeveritySetting;
      else {
        const { severity, ...options } = setting as { severity?: SeveritySetting } & Record<string, unknown>;
        if (severity) current.severity = severity;
        current.options = { ...current.options, ...options };
      }
      ruleSettings.set(id, current);
    }
    for (const [name, definition] of Object.entries(layer.config.fields ?? {})) {
      const field = fields.get(name) ?? { name, keys: [], headings: [] };
      const added = !fields.has(name);
      const headings = (definition.headings ?? []).map(normalizeTitle);
      const keys = definition.keys ?? [];
      field.headings = [...new Set([...field.headings, ...headings])];
      field.keys = [...new Set([...field.keys, ...keys])];
      if (added && field.headings.length === 0) field.headings = [name.replace(/_/g, ' ')];
      if (added && field.keys.length === 0) field.keys = [name];
      fields.set(name, field);
    }
    for (const [name, definition] of Object.entries(layer.config.kinds ?? {})) {
      const existing = kinds.get(name);
      const include = definition.include?.map((pattern) => anchorGlob(pattern, layer.base));
      const conditions = definition.conditions?.map((condition) => ({
        when: Object.fromEntries(Object.entries(condition.when).map(([path, value]) => [path, Array.isArray(value) ? [...value] : [value]])),
        require: [...condition.require],
      }));
      const schema = definition.schema ? layer.schemas?.get(name) : undefined;
      const kind: KindEntry = existing ?? { include: [], require: [], builtin: false };
      if (include) kind.include = include;
      if (definition.require) kind.require = [...definition.require];
      // Like `require`, a layer's conditions and schema replace those of the layers it extends.
      if (conditions) kind.conditions = conditions;
      if (schema) kind.schema = schema;
      if (!existing) {
        kinds.set(name, kind);
        customKindOrder.push(name);
      }
    }
  }

  // A kind may require a field nobody defined: it is then found by its own name, as a heading or key.
  for (const kind of kinds.values()) {
    for (const name of [...kind.require, ...(kind.conditions ?? []).flatMap((condition) => condition.require)]) {
      if (!fields.has(name)) fields.set(name, { name, keys: [name], headings: [name.replace(/_/g, ' ')], implicit: true });
    }
  }

  const rules = new Map<string, RuleSetting>();
  for (const rule of RULES) {
    const setting = ruleSettings.get(rule.id);
    const given = setting?.options ?? {};
    // Without options from the configuration the defaults are plain data: no zod for a run that sets none.
    const options = !rule.options ? {} : Object.keys(given).length === 0 && rule.defaultOptions ? { ...(rule.defaultOptions as Record<string, unknown>) } : (rule.options().parse(given) as Record<string, unknown>);
    rules.set(rule.id, { severity: setting?.severity ?? rule.defaultSeverity, options });
  }

  const ordered: KindDefinition[] = [
    ...customKindOrder.map((name) => ({ name, ...(kinds.get(name) as KindEntry) })),
    ...BUILTIN_KINDS.map((kind) => ({ name: kind.name, ...(kinds.get(kind.name) as KindEntry) })),
  ];
  return {
    rules,
    kinds: ordered,
    fields: [...fields.values()],
    placeholders: placeholders.length > 0 ? new PlaceholderMatcher(placeholders) : BUILTIN_PLACEHOLDERS,
    files: layers.flatMap((layer) => (layer.file ? [layer.file] : [])).reverse(),
    owners: { sources: ownerSources },
    ...(timeZone ? { timeZone } : {}),
  };
}

export interface ConfigResolverOptions {
  /** Where the walk up from a note stops (a workspace folder); the filesystem root when absent. */
  stopAt?: string;
  /** The folder built-in globs are relative to when no configuration file is found (the workspace folder, or the current directory). */
  defaultRoot: string;
  /**
   * Where a note's workspace starts when no configuration file applies (the CLI: the Git
   * repository holding the note), so that a note's kind does not depend on where the CLI runs.
   * Falls back to `defaultRoot`.
   */
  rootFor?: (noteFolder: string) => Promise<string | undefined>;
  /** Use this file instead of discovery (`--config`). */
  explicitFile?: string;
  /** The editor's settings: apply where no file exists. */
  settings?: ConfigLayer;
}

/** Finds the configuration for each note: the nearest `.runbook-notes.json` walking up, merged with what it extends. Caches per folder. */
export class ConfigResolver {
  private readonly fileForFolder = new Map<string, Promise<string | undefined>>();
  private readonly resolvedForFile = new Map<string, Promise<ResolvedConfig>>();

  constructor(
    private readonly host: ConfigHost,
    private readonly options: ConfigResolverOptions,
  ) {}

  /** The configuration file that applies to a note, if any. */
  async configFileFor(notePath: string): Promise<string | undefined> {
    if (this.options.explicitFile) return normalizePath(this.options.explicitFile);
    return this.nearestFile(dirname(normalizePath(notePath)));
  }

  async forNote(notePath: string): Promise<ResolvedConfig> {
    const file = await this.configFileFor(notePath);
    const root = file ? undefined : await this.rootFor(dirname(normalizePath(notePath)));
    const key = file ? `file:${file}` : `root:${root}`;
    let resolved = this.resolvedForFile.get(key);
    if (!resolved) {
      resolved = file ? loadConfigLayers(file, this.host).then((layers) => resolveConfig(layers, dirname(file))) : this.withoutFile(root as string);
      this.resolvedForFile.set(key, resolved);
    }
    return resolved;
  }

  private async rootFor(folder: string): Promise<string> {
    if (this.options.settings) return this.options.settings.base;
    const found = this.options.rootFor ? await this.options.rootFor(folder) : undefined;
    return normalizePath(found ?? this.options.defaultRoot);
  }

  private async withoutFile(root: string): Promise<ResolvedConfig> {
    const settings = this.options.settings;
    if (!settings) return resolveConfig([], root);
    // Kind schemas named in the settings are read relative to the workspace folder, through the same host.
    const { schemas, problems } = await loadKindSchemas(settings, this.host);
    if (problems.length > 0) throw new ConfigError('settings (runbookNotes.kinds)', problems);
    return resolveConfig([{ ...settings, schemas }], root);
  }

  private nearestFile(folder: string): Promise<string | undefined> {
    let found = this.fileForFolder.get(folder);
    if (!found) {
      found = (async () => {
        const candidate = joinPath(folder, CONFIG_FILE_NAME);
        // A file that exists but cannot be read still applies: loading it reports why it cannot be used.
        const exists = await this.host.readFile(candidate).then(
          (text) => text !== undefined,
          () => true,
        );
        if (exists) return candidate;
        const stop = this.options.stopAt ? normalizePath(this.options.stopAt) : undefined;
        const parent = dirname(folder);
        if (parent === folder || (stop && (folder === stop || !isInside(stop, parent)))) return undefined;
        return this.nearestFile(parent);
      })();
      this.fileForFolder.set(folder, found);
    }
    return found;
  }
}
