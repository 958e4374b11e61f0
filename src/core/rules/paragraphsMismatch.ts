import { bodyContent, bodyNotWritten } from '../bodyContent';
import type { Finding } from '../types';
import { counted, declaredAt, onDeclared } from './declared';
import { defineRule } from './rule';

const PATH = ['payload', 'paragraphs'];

export const paragraphsMismatch = defineRule({
  id: 'RN023',
  name: 'paragraphs-mismatch',
  defaultSeverity: 'info',
  description: "`payload.paragraphs` differs from the body's count of prose paragraphs (top-level paragraphs; not headings, lists, code, tables or an image alone).",
  appliesTo: 'notes with payload.paragraphs',
  location: 'the declared value',
  remedy: 'none',
  remedyText: 'none; the message gives the count (not a fix: what counts as a paragraph may differ from how the value was made)',
  check({ note, meta }): Finding[] {
    const declared = declaredAt(meta, PATH);
    if (typeof declared !== 'number' || !Number.isInteger(declared)) return [];
    const body = bodyContent(note);
    if (bodyNotWritten(body)) return [];
    const found = body.proseParagraphs;
    if (declared === found) return [];
    return onDeclared(note, PATH, `payload.paragraphs is ${declared}, but the body has ${counted(found, 'prose paragraph')}`, `the body has ${found}`);
  },
});
