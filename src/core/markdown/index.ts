/**
 * Markdown to facts, one layer per file:
 * - `sections.ts`: the cut into top-level sections, and the cache that re-parses only changed ones;
 * - `chunk.ts`: one section's text to micromark's events;
 * - `plainSection.ts`: the same events, made without micromark for plain sections;
 * - `rewrites.ts`: same-length rewrites of the input that keep micromark's time linear;
 * - `scanner.ts`: events to facts (`facts.ts`), structure only.
 */
export type { Block, BlockType, BodyChunk, BodyFacts, ChunkFacts, Comment, ImageRef, Paragraph, TaskItem } from './facts';
export { scanBody, SectionCache } from './sections';
export { scanChunk, type ScanMode } from './chunk';
export { plainSectionEvents } from './plainSection';
