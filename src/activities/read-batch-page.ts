import { Context } from '@temporalio/activity';
import type { SourceFingerprint } from '../workflows/batch/types';
import type { BatchSource } from '../workflows/batch/types';
import { checkUnchanged, sourceName } from './batch-source-fingerprint';
import { fileChunks } from './batch-source-file';
import { MAX_LINE_BYTES, PageCutter, type BatchPage, type PageLimits } from './batch-source-lines';
import { urlChunks } from './batch-source-url';

export type { BatchPage };
export { BATCH_SOURCE_CHANGED_TYPE, BATCH_SOURCE_UNREADABLE_TYPE } from './batch-source-fingerprint';

/** Input of `readBatchPage`. */
export interface ReadBatchPageInput extends PageLimits {
  source: BatchSource;
  /** The first page's fingerprint: a source that no longer matches fails with `BatchSourceChanged`. */
  expected?: SourceFingerprint;
}

/** Bytes per Range request: a page's budget plus one line that may straddle its end. */
const rangeBytesOf = (limits: PageLimits) => limits.maxBytes + MAX_LINE_BYTES + 1;

/** The batch's source activities; the worker registers them beside the spec activities. */
export function createBatchActivities() {
  return {
    /**
     * Reads one page of a JSONL batch source (file path or http(s) URL) from a byte offset, heartbeating
     * while it streams, and answers the source's fingerprint for the next page to check.
     */
    async readBatchPage(input: ReadBatchPageInput): Promise<BatchPage> {
      Context.current().heartbeat();
      const { source } = input;
      const name = sourceName(source);
      let fingerprint: SourceFingerprint | undefined;
      const observe = (seen: SourceFingerprint) => {
        checkUnchanged(name, input.expected ?? fingerprint, seen);
        fingerprint ??= seen;
      };
      const chunks =
        'path' in source
          ? fileChunks(source.path, input.offset, observe)
          : urlChunks(source.url, name, input.offset, rangeBytesOf(input), observe);
      const cutter = new PageCutter(input);
      for await (const chunk of chunks) {
        cutter.push(chunk);
        if (cutter.full) break;
      }
      const page = cutter.page(!cutter.full);
      return fingerprint === undefined || Object.keys(fingerprint).length === 0 ? page : { ...page, fingerprint };
    },
  };
}

/** The batch activities' type, for `proxyActivities<BatchActivities>()` in workflows. */
export type BatchActivities = ReturnType<typeof createBatchActivities>;
