import { bodyContent, bodyNotWritten } from '../bodyContent';
import type { Finding } from '../types';
import { counted, declaredAt, onDeclared } from './declared';
import { defineRule } from './rule';

const PATH = ['flags', 'has_images'];

export const hasImagesMismatch = defineRule({
  id: 'RN021',
  name: 'has-images-mismatch',
  defaultSeverity: 'warning',
  description: '`flags.has_images` says the note has images (true or 1) but the body has none, or says it has none (false or 0) but the body has some.',
  appliesTo: 'notes with flags.has_images',
  location: 'the declared value',
  remedy: 'none',
  remedyText: 'none; the message says how many images the body holds',
  check({ note, meta }): Finding[] {
    const declared = declaredAt(meta, PATH);
    if (declared !== true && declared !== false && declared !== 1 && declared !== 0) return [];
    const body = bodyContent(note);
    if (bodyNotWritten(body)) return [];
    const images = body.images;
    const written = String(declared);
    if ((declared === true || declared === 1) && images.length === 0) {
      return onDeclared(note, PATH, `flags.has_images is ${written}, but the body has no image: add the image, or set it to ${declared === 1 ? '0' : 'false'}`, 'the body has no image');
    }
    if ((declared === false || declared === 0) && images.length > 0) {
      return onDeclared(
        note,
        PATH,
        `flags.has_images is ${written}, but the body has ${counted(images.length, 'image')}: set it to ${declared === 0 ? '1' : 'true'}`,
        `the body has ${counted(images.length, 'image')}`,
      );
    }
    return [];
  },
});
