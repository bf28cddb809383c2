// The one rule for what a line of a JSONL batch file is, shared by the workers' reader
// (readBatchPage) and the CLI's `batch`, so that item i is the same line for both, whatever the
// file holds: blank lines, CRLF, a BOM, a last line without a newline, lines too long to read.

/** A line longer than this (in bytes, without its newline) is one invalid item, never read whole. */
export const MAX_LINE_BYTES = 256 * 1024;

/** The byte lines end with (a CR before it is trimmed with the other whitespace). */
export const NEWLINE = 0x0a;

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** What one line is: no item (blank), an item too long to read, or an item's text. */
export type JsonlLine = { kind: 'blank' } | { kind: 'tooLong' } | { kind: 'text'; text: string };

/**
 * Classifies one line from its first bytes (`head`, at least `min(length, MAX_LINE_BYTES)` of them)
 * and its whole `length`; `atFileStart` drops a UTF-8 BOM. Whitespace around the text (a CR, say) is
 * trimmed; a line with nothing else is blank and takes no item number.
 */
export function classifyLine(head: Uint8Array, length: number, atFileStart: boolean): JsonlLine {
  if (length > MAX_LINE_BYTES) return { kind: 'tooLong' };
  let bytes = Buffer.from(head.buffer, head.byteOffset, Math.min(length, head.length));
  if (atFileStart && UTF8_BOM.every((byte, i) => bytes[i] === byte)) bytes = bytes.subarray(UTF8_BOM.length);
  const text = bytes.toString('utf8').trim();
  return text === '' ? { kind: 'blank' } : { kind: 'text', text };
}
