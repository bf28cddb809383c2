import type { ActivityOptions, RetryPolicy } from '@temporalio/common';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';

/**
 * Retries of reading one page of a batch source (a JSONL file or URL). A file server or disk that
 * hiccups recovers within seconds to minutes; 1 s doubling to 1 minute, 20 attempts (about 15 minutes)
 * rides that out, and a source that stays unreadable fails the batch visibly instead of silently.
 */
export const READ_BATCH_PAGE_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 20,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/**
 * One page is a few hundred KB, but a server that ignores Range sends the whole file every page, read
 * through to the offset: 30 minutes streams 1.8 GB at 1 MB/s (a 200-MB file at 120 KB/s), so such a
 * source is slow, not failing on every attempt. The read heartbeats on every chunk, so the 30-second
 * heartbeat timeout (and the HTTP client's 30-second body timeout) still notice a dead worker or a
 * stalled stream as quickly as before.
 */
export const READ_BATCH_PAGE_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '30 seconds',
  retry: READ_BATCH_PAGE_RETRY_POLICY,
} as const satisfies ActivityOptions;

/**
 * How often a batch run reads how the items started by an earlier run (known to it only by the signal
 * each sends when done) stand, while it has any: one that closed without signalling (terminated,
 * timed out) is counted within this. Every check is a timer and an activity in the batch's history,
 * and only runs after a continue-as-new (or a restart) pay for it; 2 minutes keeps a day of waiting
 * at about 700 checks and a lost item found within minutes.
 */
export const BATCH_ITEM_CHECK_INTERVAL = '2 minutes';

/**
 * Retries of one check of a batch's items (describing their workflows). A check that fails is only
 * late: the next interval checks again, so three quick attempts are enough.
 */
export const CHECK_BATCH_ITEMS_RETRY_POLICY = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '10 seconds',
  maximumAttempts: 3,
  nonRetryableErrorTypes: [...NON_RETRYABLE_FAILURE_TYPES],
} as const satisfies RetryPolicy;

/** Up to 1,000 describes, 20 at a time, take seconds; 2 minutes covers a slow server; heartbeats notice a dead worker. */
export const CHECK_BATCH_ITEMS_ACTIVITY_OPTIONS = {
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '30 seconds',
  retry: CHECK_BATCH_ITEMS_RETRY_POLICY,
} as const satisfies ActivityOptions;

/** Limits of a batch, each well inside a Temporal limit. */
export const BATCH_LIMITS = {
  /** Default window of running children. */
  defaultConcurrency: 50,
  /** Largest window: Temporal allows 2,000 pending children per run; half of that leaves a margin. */
  maxConcurrency: 1000,
  /** Inline `requests` above this must come from a `source` (the input is one payload of at most 2 MB). */
  maxInlineRequests: 1000,
  /** Items read per page from a source. */
  pageItems: 200,
  /** Bytes read per page from a source: a page lives in the parent's state, far under 2 MB. */
  pageBytes: 256 * 1024,
  /**
   * Continue as new after this many history events in one run: far under the 51,200-event limit,
   * and under 10,000 so one run's history stays quick to replay.
   */
  continueAsNewAfterEvents: 5000,
  /** ...or after this many signals in one run: half of Temporal's 10,000 (continueAsNewSuggested ignores signals). */
  continueAsNewAfterSignals: 5000,
  /** Outcomes kept for the result: beyond this, the result carries counts and `getBatchOutcomes` reads the rest. */
  maxOutcomesInResult: 1000,
  /** Failures the progress query shows. */
  latestFailures: 10,
  /** Longest failure message kept (characters). */
  maxFailureMessage: 300,
  /** Item workflows one check describes at once: a burst the server does not notice. */
  itemDescribesAtOnce: 20,
} as const;

/**
 * Create attempts a batch item gives its spec before it hears of the trouble (unless the item sets
 * `createMaximumAttempts` itself). A single spec retries its create until its deadline; a batch item
 * stops after these so that 429s reach the batch, which narrows its window, and then tries again
 * (adopting the spec an unanswered create may have made), so an outage still fails no item.
 */
export const BATCH_ITEM_CREATE_ATTEMPTS = 10;

/** Failure types after which a batch item waits and tries its spec again instead of failing. */
export const BATCH_ITEM_RETRIED_FAILURE_TYPES: readonly string[] = [
  'RateLimitError',
  'InternalServerError',
  'ConnectionError',
  'TimeoutError',
  'RequestTimeoutError',
  'ConflictError',
  'InvalidResponseError',
];
