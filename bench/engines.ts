/** What the in-process figures compare, in one place for this process and the one-note child processes. */
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { lintText, type ResolvedConfig } from '../src/core';

const markdownParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).freeze();

/** The floor no Markdown linter avoids: remark-parse with front matter, nothing else. */
export function parseMarkdown(text: string): void {
  markdownParser.parse(text);
}

/** A note's path as the CLI and the editor pass it: absolute, posix separators. */
export function posixPath(file: string): string {
  return file.split('\\').join('/');
}

/** Everything our engine does for a note: front matter, parse, kind, fields, all rules. */
export function lintNote(text: string, file: string, config: ResolvedConfig): void {
  lintText(text, { path: posixPath(file), config });
}
