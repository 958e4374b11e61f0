import { spanAt } from '../frontMatter';
import type { Finding } from '../types';
import { defineRule } from './rule';

export const imageCaptionMissing = defineRule({
  id: 'RN015',
  name: 'image-caption-missing',
  defaultSeverity: 'warning',
  description: 'A Markdown image with empty alt text, or an `image_sources` entry with no caption.',
  appliesTo: 'all notes',
  location: 'the image or the entry',
  remedy: 'none',
  remedyText: 'none',
  check({ note, meta }): Finding[] {
    const findings: Finding[] = note.images
      .filter((image) => image.alt.trim() === '')
      .map((image) => ({ ...image.span, message: 'Image has no alt text: describe what it shows between the brackets, ![like this](…)' }));
    const sources = meta?.image_sources;
    if (Array.isArray(sources) && note.frontMatter) {
      sources.forEach((entry, index) => {
        if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return;
        const caption = (entry as { caption?: unknown }).caption;
        if (typeof caption === 'string' && caption.trim() !== '') return;
        findings.push({
          ...spanAt(note.frontMatter!, ['image_sources', index]),
          message: `image_sources[${index}] has no caption: add 'caption:' with what the image shows`,
        });
      });
    }
    return findings;
  },
});
