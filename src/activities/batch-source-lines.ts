import { classifyLine, MAX_LINE_BYTES, NEWLINE } from '../common/jsonl-lines';
import type { BatchItem, SourceFingerprint } from '../workflows/batch/types';

export { MAX_LINE_BYTES };

/** What a page read found: its items and where the next page starts. */
export interface BatchPage {
  items: BatchItem[];
  /** Byte offset of the first line not in this page. */
  nextOffset: number;
  /** True when the source has no line after this page. */
  done: boolean;
  /** What the source looked like (size, ETag, ...): the batch keeps the first page's and passes it on. */
  fingerprint?: SourceFingerprint;
}

/** Where to read from and how much. */
export interface PageLimits {
  offset: number;
  firstIndex: number;
  maxItems: number;
  maxBytes: number;
}

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
 * Cuts the bytes of a JSONL source, read in chunks from `limits.offset`, into one page: whole lines
 * only, blank lines skipped (they take no index), at most `maxItems` items and about `maxBytes` (a
 * page holds at least one item). A line longer than {@link MAX_LINE_BYTES} is one invalid item however
 * long it is: its bytes are counted, not kept, so the next page starts after its newline.
 */
export class PageCutter {
  private readonly items: BatchItem[] = [];
  /** Bytes of the lines taken, from `limits.offset`. */
  private taken = 0;
  /** Bytes of the line under way so far, and the first of them (what its classification needs). */
  private lineLength = 0;
  private head: Buffer[] = [];
  private headBytes = 0;
  private isFull = false;

  constructor(private readonly limits: PageLimits) {}

  /** True once the page is complete: read no further. */
  get full(): boolean {
    return this.isFull;
  }

  /** Takes the next bytes of the source. */
  push(chunk: Buffer): void {
    let start = 0;
    while (!this.isFull && start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      this.extendLine(chunk.subarray(start, newline === -1 ? chunk.length : newline));
      if (newline === -1 || this.isFull) return;
      this.endLine(1);
      start = newline + 1;
    }
  }

  /** The page, once full, or once the source ended (its last line may have no newline). */
  page(sourceEnded: boolean): BatchPage {
    if (!this.isFull && sourceEnded && this.lineLength > 0) this.endLine(0);
    return { items: this.items, nextOffset: this.limits.offset + this.taken, done: sourceEnded && !this.isFull };
  }

  private extendLine(part: Buffer): void {
    this.lineLength += part.length;
    // A line that would take the page past maxBytes starts the next page, unless nothing came before it.
    if (this.items.length > 0 && this.taken + this.lineLength > this.limits.maxBytes) {
      this.isFull = true;
      return;
    }
    const room = MAX_LINE_BYTES - this.headBytes;
    if (room > 0 && part.length > 0) {
      const kept = part.subarray(0, room);
      this.head.push(kept);
      this.headBytes += kept.length;
    }
  }

  private endLine(newlineBytes: number): void {
    const lineStart = this.limits.offset + this.taken;
    const line = classifyLine(Buffer.concat(this.head, this.headBytes), this.lineLength, lineStart === 0);
    this.taken += this.lineLength + newlineBytes;
    this.lineLength = 0;
    this.head = [];
    this.headBytes = 0;
    if (line.kind === 'blank') return;
    const index = this.limits.firstIndex + this.items.length;
    const where = `item ${index} (byte ${lineStart})`;
    this.items.push(
      line.kind === 'tooLong'
        ? { index, invalid: `${where} is longer than ${MAX_LINE_BYTES} bytes` }
        : toItem(line.text, index, where),
    );
    if (this.items.length >= this.limits.maxItems) this.isFull = true;
  }
}
