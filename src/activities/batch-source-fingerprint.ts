// A batch source is read a page at a time, maybe over days: each page checks that the source is the
// one its first page read (size, ETag, Last-Modified, a file's mtime), and names what changed.
import { ApplicationFailure } from '@temporalio/common';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import type { BatchSource, SourceFingerprint } from '../workflows/batch/types';

/** Failure type of a source that cannot be read (missing file, HTTP 404): not retried. */
export const BATCH_SOURCE_UNREADABLE_TYPE = WORKFLOW_FAILURE_TYPES.BatchSourceUnreadable;
/** Failure type of a source that changed between pages: not retried (the message names what changed). */
export const BATCH_SOURCE_CHANGED_TYPE = WORKFLOW_FAILURE_TYPES.BatchSourceChanged;
/** Failure type of a read that may work next time (refused, 5xx, closed early): retried. */
export const BATCH_SOURCE_ERROR_TYPE = WORKFLOW_FAILURE_TYPES.BatchSourceError;

/** A URL as messages name it: no credentials, no query (a presigned URL's signature is a secret). */
export function sourceName(source: BatchSource): string {
  if ('path' in source) return source.path;
  try {
    const url = new URL(source.url);
    return `${url.origin}${url.pathname}${url.search === '' ? '' : '?...'}`;
  } catch {
    return 'the URL source';
  }
}

/** A retryable source failure. */
export const sourceError = (message: string) => ApplicationFailure.retryable(message, BATCH_SOURCE_ERROR_TYPE);
/** A permanent source failure. */
export const sourceUnreadable = (message: string) =>
  ApplicationFailure.nonRetryable(message, BATCH_SOURCE_UNREADABLE_TYPE);

const iso = (ms: number) => new Date(ms).toISOString();

/** `size 100 → 120`, `ETag "a" → "b"`, ...: the fields both fingerprints have and that differ. */
function changesBetween(before: SourceFingerprint, now: SourceFingerprint): string[] {
  const changes: string[] = [];
  if (before.size !== undefined && now.size !== undefined && before.size !== now.size) {
    changes.push(`size ${before.size} → ${now.size}`);
  }
  if (before.etag !== undefined && now.etag !== undefined && before.etag !== now.etag) {
    changes.push(`ETag ${before.etag} → ${now.etag}`);
  }
  if (before.lastModified !== undefined && now.lastModified !== undefined && before.lastModified !== now.lastModified) {
    changes.push(`Last-Modified ${before.lastModified} → ${now.lastModified}`);
  }
  if (before.mtimeMs !== undefined && now.mtimeMs !== undefined && before.mtimeMs !== now.mtimeMs) {
    changes.push(`mtime ${iso(before.mtimeMs)} → ${iso(now.mtimeMs)}`);
  }
  return changes;
}

/** Throws `BatchSourceChanged` when `now` differs from `before` in a field both have. */
export function checkUnchanged(name: string, before: SourceFingerprint | undefined, now: SourceFingerprint): void {
  if (before === undefined) return;
  const changes = changesBetween(before, now);
  if (changes.length === 0) return;
  throw ApplicationFailure.create({
    type: BATCH_SOURCE_CHANGED_TYPE,
    nonRetryable: true,
    message:
      `The batch source ${name} changed after its first page was read (${changes.join(', ')}): reading on ` +
      'would skip or repeat lines. Start a new batch on the source as it is now.',
    details: [{ changes }],
  });
}

/** The fields that are known, without undefined ones (the fingerprint travels in workflow state). */
export function fingerprintOf(fields: SourceFingerprint): SourceFingerprint {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
