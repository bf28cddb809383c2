import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { retryDelayAtLeastFloor } from '../common/activity-policies';
import { DataFramerError, redactCutText, redactJson } from '../dataframer';

/** Failure type for an error that is neither a DataFramer error nor a Temporal failure (a bug, most likely). */
export const UNEXPECTED_ERROR_TYPE = 'UnexpectedError';

/** What a failure carries beside its message, for the workflow and for people reading history. */
export interface FailureDetails {
  status?: number;
  requestId?: string;
  body?: unknown;
  /** The wait the server asked for (429 `Retry-After`), floored: what `nextRetryDelay` says. */
  retryAfterMs?: number;
  [extra: string]: unknown;
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err instanceof CancelledFailure);
}

/**
 * The one place where an error becomes a Temporal failure: a DataFramer error keeps its class name
 * as the failure `type`, is non-retryable when its kind is permanent, and carries the server's
 * `Retry-After` as `nextRetryDelay`. Cancellation passes through untouched. `secrets` (the worker's
 * Databricks secrets) are scrubbed from the message and details once more, whatever client made the
 * error: a failure is stored in workflow history.
 */
export function toApplicationFailure(
  err: unknown,
  extraDetails: Record<string, unknown> = {},
  secrets: readonly string[] = [],
): Error {
  if (err instanceof ApplicationFailure || isAbort(err)) return err as Error;
  if (err instanceof DataFramerError) {
    const details: FailureDetails = { ...extraDetails };
    if (err.status !== undefined) details.status = err.status;
    if (err.requestId !== undefined) details.requestId = err.requestId;
    // Also in details: the workflow cannot read a failure's nextRetryDelay, and remembers a 429's
    // wait (a not-before time) across waiting activities and pollNow reads.
    const retryAfterMs = err.retryAfterMs === undefined ? undefined : retryDelayAtLeastFloor(err.retryAfterMs);
    if (retryAfterMs !== undefined && err.retryable) details.retryAfterMs = retryAfterMs;
    if (err.body !== undefined)
      details.body = typeof err.body === 'string' ? redactCutText(err.body, secrets) : err.body;
    return ApplicationFailure.create({
      type: err.type,
      message: redactCutText(err.message, secrets),
      nonRetryable: !err.retryable,
      details: [redactJson(details, secrets)],
      ...(details.retryAfterMs === undefined ? {} : { nextRetryDelay: details.retryAfterMs }),
    });
  }
  const message = redactCutText(err instanceof Error ? err.message : String(err), secrets);
  return ApplicationFailure.create({
    type: UNEXPECTED_ERROR_TYPE,
    message,
    details: [redactJson(extraDetails, secrets)],
  });
}
