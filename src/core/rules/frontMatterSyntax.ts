import type { Finding } from '../types';
import { defineRule } from './rule';

export const frontMatterSyntax = defineRule({
  id: 'RN014',
  name: 'front-matter-syntax',
  defaultSeverity: 'error',
  description: 'Front matter that is not valid YAML, not a map, or never closed.',
  appliesTo: 'all notes',
  location: "the YAML error's own position",
  remedy: 'none',
  remedyText: 'none',
  check({ note }): Finding[] {
    if (note.unterminatedFrontMatter) return [{ ...note.unterminatedFrontMatter }];
    return (note.frontMatter?.errors ?? []).map((error) => ({
      start: error.start,
      end: error.end,
      message: `Front matter is not valid YAML: ${error.message}`,
    }));
  },
});
