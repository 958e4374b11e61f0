/** The core's public surface: what the CLI and the editor use. */
export { catalogue, catalogueMarkdown, ruleDocsUrl, type CatalogueEntry } from './catalogue';
export { ConfigError, ConfigResolver, CONFIG_FILE_NAME, loadConfigLayers, parseConfigText, resolveConfig } from './config/resolve';
export type { ConfigHost, ConfigLayer, ConfigProblem, ResolvedConfig } from './config/resolve';
export { configJsonSchema, configSchema, type RawConfig } from './config/schema';
export { compatibleFixes, fixAll, fixAllEdit } from './fix';
export { kindForPath, lintText, resolveKind, type InternalError, type LintOptions, type LintResult, type RequiredField } from './lint';
export { SectionCache } from './markdown';
export { RULES, findRule } from './rules';
export { noteTemplate } from './templates';
export { frontMatterPositionAt, keyCompletions, keyHelpMarkdown, keyHoverAt, keyInsertion, valueCompletions, type FrontMatterPosition, type KeyHelp } from './frontMatterHelp';
export { settingsFrom, SETTINGS_SECTION, type FolderSettings } from './settings';
export { kindLabel } from './kinds';
export { applyEdits, LineIndex, stripBom, BOM, type TextEdit } from './text';
export { decodeNote, type DecodeOutcome, type TextEncoding } from './decode';
export type { Diagnostic, Finding, Remedy, Severity, SeveritySetting } from './types';
export { renderPostMeta, metaPathKey, normalizeTaskText, POST_META_LIMITS, type MetaPath, type PostMetaFinding, type PostMetaInput, type PostMetaOptions, type PostMetaTask } from './render/postMeta';
export { postMetaInput } from './render/postMetaInput';
export { renderPostMetaPage, postMetaCsp, type PostMetaPageOptions } from './render/page';
