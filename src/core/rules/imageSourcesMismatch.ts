import { bodyContent, bodyNotWritten } from '../bodyContent';
import { spanAt } from '../frontMatter';
import { isPlaceholder } from '../fields/placeholders';
import type { Finding } from '../types';
import { declaredAt } from './declared';
import { defineRule } from './rule';

/** URLs compare as written, except for surrounding spaces and a trailing slash after the host. */
function comparable(url: string): string {
  return url.trim().replace(/^(https?:\/\/[^/?#]+)\/(?=$|[?#])/i, '$1');
}

export const imageSourcesMismatch = defineRule({
  id: 'RN025',
  name: 'image-sources-mismatch',
  defaultSeverity: 'warning',
  description: 'An `image_sources` entry whose `url` no body image uses, or a body image (Markdown or `<img>`) whose URL no `image_sources` entry lists.',
  appliesTo: 'notes with image_sources',
  location: "the entry's url; the body image for an image the list lacks",
  remedy: 'none',
  remedyText: 'none; the message names the URL',
  check({ note, meta }): Finding[] {
    const frontMatter = note.frontMatter;
    const declared = declaredAt(meta, ['image_sources']);
    if (!frontMatter || !Array.isArray(declared)) return [];
    const body = bodyContent(note);
    if (bodyNotWritten(body)) return [];
    const images = body.images;
    const used = new Set(images.flatMap((image) => (image.url ? [comparable(image.url)] : [])));
    const listed = new Set<string>();
    const findings: Finding[] = [];
    declared.forEach((entry, index) => {
      const url = entry && typeof entry === 'object' ? (entry as { url?: unknown }).url : undefined;
      // A placeholder URL is RN009's.
      if (typeof url !== 'string' || url.trim() === '' || isPlaceholder(url)) return;
      listed.add(comparable(url));
      if (used.has(comparable(url))) return;
      findings.push({
        ...spanAt(frontMatter, ['image_sources', index, 'url']),
        message: `image_sources lists ${url.trim()}, but no image in the body uses it: add the image to the body, or remove the entry`,
        contradiction: { found: 'not in the body' },
      });
    });
    for (const image of images) {
      if (!image.url || listed.has(comparable(image.url))) continue;
      findings.push({ ...image.span, message: `This image (${image.url}) is not listed in image_sources: add an entry with its source, url and caption` });
    }
    return findings;
  },
});
