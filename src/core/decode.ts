/** Bytes to note text, the same way for the CLI and the editor's workspace lint. */

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

export type DecodeOutcome =
  | { kind: 'text'; text: string; encoding: TextEncoding }
  /** `binary`: the bytes hold a NUL (in the first 8,000, as Git's own test): no text at all, rather than text in another encoding. */
  | { kind: 'skipped'; reason: string; binary?: true };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes a note as UTF-8, or as UTF-16 when it starts with a UTF-16 byte order mark (as Windows
 * editors write it). Anything else, binary or another encoding, is refused with a reason, never
 * decoded into garbage. A byte order mark is kept in the text, so that writing it back keeps it.
 */
export function decodeNote(bytes: Uint8Array): DecodeOutcome {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    try {
      return { kind: 'text', text: new TextDecoder(utf16, { fatal: true, ignoreBOM: true }).decode(bytes), encoding: utf16 === 'utf-16le' ? 'utf16le' : 'utf16be' };
    } catch {
      return { kind: 'skipped', reason: 'not valid UTF-16 text, although it starts with a UTF-16 byte order mark' };
    }
  }
  if (bytes.subarray(0, 8000).includes(0)) return { kind: 'skipped', reason: 'binary file', binary: true };
  try {
    return { kind: 'text', text: utf8.decode(bytes), encoding: 'utf8' };
  } catch {
    return { kind: 'skipped', reason: 'not UTF-8 text (convert it to UTF-8 to lint it)' };
  }
}
