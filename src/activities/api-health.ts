import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { DATAFRAMER_METRICS } from '../common/metric-names';
import { AuthenticationError, DataFramerError, PermissionDeniedError } from '../dataframer';

// One table of metric names for the whole package (the exporter adds `_total` to counters).
export { DATAFRAMER_METRICS };

/**
 * How long a read waits after DataFramer rejected the worker's key: a person has to redeploy the
 * worker, which takes minutes, so a read a minute is enough to notice the fix within a minute and
 * costs a rejected-key storm nothing.
 */
export const REJECTED_KEY_RETRY_DELAY_MS = 60_000;

/** At most one ERROR line per this period per worker about a rejected key (the rest are counted in it). */
export const REJECTED_KEY_LOG_INTERVAL_MS = 60_000;

/** What a read refused for its key was reading: the kind and the id of a resource that exists. */
export interface RejectedKeyResource {
  /** A `ResourceDescription`'s `kind` (`spec`, `run`, `evaluation`): the message says "while reading <kind> <id>". */
  kind: string;
  id: string;
  /** What the refused call did. @default 'reading' */
  action?: 'reading' | 'cancelling';
}

/** What the activities counted in this process, beside the metric meter (for tests and the demo). */
export interface ApiHealthCounts {
  rejectedKeyReads: number;
  transientErrors: Record<string, number>;
}

/**
 * The worker's view of DataFramer's health: counts failures, emits them as metrics and rate-limits the
 * ERROR log about a rejected key. One per `createActivities`.
 */
export class ApiHealth {
  #counts: ApiHealthCounts = { rejectedKeyReads: 0, transientErrors: {} };
  #lastKeyLogAtMs = -Infinity;
  #unloggedKeyRejections = 0;

  constructor(private readonly now: () => number = Date.now) {}

  counts(): ApiHealthCounts {
    return structuredClone(this.#counts);
  }

  /**
   * A retryable failure of an activity: counted by type in this process. (The metric,
   * `dataframer_transient_errors` by `error_class`, is emitted where every failure is classified:
   * `recordFailure` in activity-metrics.ts.)
   */
  transient(activity: string, type: string): void {
    const key = `${activity}:${type}`;
    this.#counts.transientErrors[key] = (this.#counts.transientErrors[key] ?? 0) + 1;
  }

  /**
   * A 401/403 on reading a spec, run or evaluation that exists: a configuration problem a person
   * fixes, not a reason to drop work DataFramer is doing (and billing). Returns the retryable failure
   * the read ends with; logs at ERROR at a bounded rate (one rate for every kind: it is one key).
   */
  rejectedKey(
    resource: RejectedKeyResource,
    err: AuthenticationError | PermissionDeniedError,
    extra: Record<string, unknown>,
  ) {
    const { kind, id, action = 'reading' } = resource;
    this.#counts.rejectedKeyReads += 1;
    meterCounter(DATAFRAMER_METRICS.rejectedKeyReads)?.add(1, { status: String(err.status ?? '') });
    const message =
      `DataFramer rejected the worker's API key (${err.status ?? err.type}) while ${action} ${kind} ${id}, ` +
      `which exists: fix the worker's DATAFRAMER_API_KEY and restart it; the workflow keeps waiting ` +
      `(a read every ${REJECTED_KEY_RETRY_DELAY_MS / 1000} s) until its deadline`;
    this.#unloggedKeyRejections += 1;
    if (this.now() - this.#lastKeyLogAtMs >= REJECTED_KEY_LOG_INTERVAL_MS) {
      Context.current().log.error(message, {
        [`${kind}Id`]: id,
        type: err.type,
        rejectedReads: this.#unloggedKeyRejections,
      });
      this.#lastKeyLogAtMs = this.now();
      this.#unloggedKeyRejections = 0;
    }
    return ApplicationFailure.create({
      type: WORKFLOW_FAILURE_TYPES.ApiKeyRejected,
      message: `${message}. DataFramer said: ${err.message}`,
      details: [{ ...extra, status: err.status, rejectedAs: err.type, requestId: err.requestId }],
      nextRetryDelay: REJECTED_KEY_RETRY_DELAY_MS,
    });
  }
}

/** Whether an error is DataFramer refusing the key. */
export function isRejectedKey(err: unknown): err is AuthenticationError | PermissionDeniedError {
  return err instanceof AuthenticationError || err instanceof PermissionDeniedError;
}

/** Whether an error is one a retry can fix (what `transient` counts). */
export function isTransientApiError(err: unknown): err is DataFramerError {
  return err instanceof DataFramerError && err.retryable;
}

function meterCounter(name: string) {
  try {
    return Context.current().metricMeter.createCounter(name);
  } catch {
    return undefined; // outside an activity, or a meter that cannot make counters
  }
}
