import type { BatchItem } from '../workflows/batch/types';

/** What a page read found: its items and where the next page starts. */
export interface BatchPage {
  items: BatchItem[];
  /** Byte offset of the first line not in this page. */
  nextOffset: number;
  /** True when the source has no line after this page. */
  done: boolean;
}

/** Where to read from and how much. */
export interface PageLimits {
  offset: number;
  firstIndex: number;
  maxItems: number;
  maxBytes: number;
}

/** A line longer than this is an invalid item, not a reason to read megabytes into one page. */
export const MAX_LINE_BYTES = 256 * 1024;

const NEWLINE = 0x0a;

function toItem(line: string, index: number, lineNumber: string): BatchItem {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch (err) {
    return { index, invalid: `${lineNumber} is not JSON: ${(err as Error).message.slice(0, 200)}` };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { index, invalid: `${lineNumber} is not a JSON object` };
  }
  // The secret must not reach the batch's history: the item is refused before it gets there.
  if ('databricks_client_secret' in request) {
    return { index, invalid: `${lineNumber} carries databricks_client_secret; set it on the worker instead` };
  }
  return { index, request };
}

/**
 * Cuts the JSONL bytes read from `limits.offset` into items: whole lines only (the last one too when
 * `atEnd`), blank lines skipped (they take no index), at most `maxItems` items and about `maxBytes`.
 */
export function pageFromBytes(bytes: Buffer, limits: PageLimits, atEnd: boolean): BatchPage {
  const items: BatchItem[] = [];
  let start = 0;
  while (items.length < limits.maxItems && start < bytes.length) {
    let end = bytes.indexOf(NEWLINE, start);
    if (end === -1) {
      if (!atEnd && bytes.length - start <= MAX_LINE_BYTES) break; // the rest of the line is not read yet
      end = bytes.length;
    }
    if (items.length > 0 && end > limits.maxBytes) break; // a page holds at least one line
    const index = limits.firstIndex + items.length;
    const tooLong = end - start > MAX_LINE_BYTES;
    const line = tooLong ? '' : bytes.subarray(start, end).toString('utf8').trim();
    const where = `item ${index} (byte ${limits.offset + start})`;
    if (tooLong) items.push({ index, invalid: `${where} is longer than ${MAX_LINE_BYTES} bytes` });
    else if (line !== '') items.push(toItem(line, index, where));
    start = Math.min(end + 1, bytes.length);
  }
  const nextOffset = limits.offset + start;
  return { items, nextOffset, done: atEnd && start >= bytes.length };
}
