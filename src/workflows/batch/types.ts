import type { Duration } from '../../common/durations';
import type { PollSchedule } from '../../common/poll-schedule';
import type { CreateSpecRequest, CreateSpecWorkflowInput, IfNameExists, OnCancel } from '../types';

/**
 * Where a large batch's requests come from: a JSONL file (one create request per line) read a page at
 * a time by the `readBatchPage` activity. A `path` must be readable by every worker on the task queue;
 * a `url` (http or https) works when workers run on other hosts.
 */
export type BatchSource = { path: string } | { url: string };

/**
 * What a source looked like when its first page was read: each later page must find the same, or the
 * batch fails with `BatchSourceChanged` rather than skip or repeat lines. A field a source does not
 * give (a server without ETag) is not compared.
 */
export interface SourceFingerprint {
  /** Bytes: a file's size, a URL's Content-Range total or Content-Length. */
  size?: number;
  /** A URL's ETag. */
  etag?: string;
  /** A URL's Last-Modified. */
  lastModified?: string;
  /** A file's modification time (epoch ms). */
  mtimeMs?: number;
}

/** Input of {@link createSpecsBatchWorkflow}. Give `requests` or `source`, not both. */
export interface CreateSpecsBatchInput {
  /** The create requests, inline (at most `BATCH_LIMITS.maxInlineRequests`). */
  requests?: CreateSpecRequest[];
  /** A JSONL source of create requests, for batches too large for one payload. */
  source?: BatchSource;
  /** Children running at once. @default 50 (at most 1,000) */
  concurrency?: number;
  /** Stop (cancelling what runs) once this many specs failed. @default no limit */
  maxFailures?: number;
  /** Stop once this share (0..1) of finished specs failed, after at least 10 finished. @default no limit */
  maxFailureRatio?: number;
  /** Passed to every child. @default the child's */
  poll?: PollSchedule;
  /** Passed to every child. @default the child's (24 hours) */
  deadline?: Duration;
  /** Passed to every child. @default 'abandon' */
  onCancel?: OnCancel;
  /** Passed to every child; `'adopt'` makes a batch started again after a terminate create nothing twice. @default 'fail' */
  ifNameExists?: IfNameExists;
  /** Continue as new after this many history events in one run. @default 5000 */
  continueAsNewAfterEvents?: number;
  /**
   * How often a run checks the items an earlier run started (it hears of them only by their signal),
   * so that one terminated or timed out without signalling is counted. At least 1 second.
   * @default '2 minutes' (`BATCH_ITEM_CHECK_INTERVAL`)
   */
  itemCheckInterval?: Duration;
  /** Carried across continue-as-new; never set it yourself. */
  state?: BatchState;
}

/** One item of a batch: its position and its request, or why it could not be read. */
export interface BatchItem {
  index: number;
  request?: unknown;
  /** Set when the item is not a valid request (a line that is not JSON, say). */
  invalid?: string;
}

/** A failed (or cancelled) item, as the result and the progress query name it. */
export interface BatchFailure {
  index: number;
  name?: string;
  /** The failure type (`SpecGenerationFailed`, `InvalidInput`, `SpecNameConflictError`, ...) or `Cancelled`. */
  type: string;
  message: string;
}

/** What one item ended with: the result of its item workflow, and what it signals the batch. */
export interface BatchItemOutcome {
  index: number;
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  name?: string;
  /** The spec workflow's id (`specWorkflowId(request)`), when the request had a name. */
  specWorkflowId?: string;
  specId?: string;
  failure?: { type: string; message: string };
}

/** Input of the item workflow the batch runs per spec. */
export interface BatchItemInput {
  index: number;
  batchWorkflowId: string;
  spec?: CreateSpecWorkflowInput;
  invalid?: string;
}

/** The batch's whole state: what continue-as-new carries; the progress query and result derive from it. */
export interface BatchState {
  runs: number;
  startedAtMs: number;
  /** The window asked for (input or `setBatchConcurrency`). */
  concurrency: number;
  /** The window in force: smaller than `concurrency` while DataFramer answers 429s. */
  window: number;
  /** Items handed out so far (started or pending): the next item's index. */
  nextIndex: number;
  /** Byte offset of the next unread line of the source. */
  sourceOffset: number;
  sourceDone: boolean;
  /** The source's first page's fingerprint, which every later page checks (absent before it, or inline). */
  sourceFingerprint?: SourceFingerprint;
  /** Items read and not started yet: the inline requests left, or the rest of the page read last. */
  pending: BatchItem[];
  /** Running items: index to the epoch ms it started. */
  running: Record<string, number>;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Succeeded specs' ids by item index, while the batch has at most `maxOutcomesInResult` items. */
  specIds: Record<string, string>;
  /** Failures by item order, at most `maxOutcomesInResult`; `failed` counts them all. */
  failures: BatchFailure[];
  latestFailures: BatchFailure[];
  /** Specs finished per minute bucket (epoch minute), the last few minutes. */
  finishedPerMinute: [minute: number, count: number][];
  lastRateLimitAtMs?: number;
  stopReason?: string;
  /** Set when the source failed for good: the batch waits for its running items, then fails with it. */
  sourceFailure?: { type: string; message: string };
}

/** Result of {@link createSpecsBatchWorkflow}. */
export interface CreateSpecsBatchResult {
  /** Items seen: every item when the batch ran to the end. */
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Items never started because the batch stopped. */
  notStarted: number;
  /** Succeeded spec ids by item index; `undefined` when the batch has more than 1,000 items (use `getBatchOutcomes`). */
  specIds?: Record<string, string>;
  /** Failures in item order: all of them up to 1,000 (`failuresComplete` says whether that is all). */
  failures: BatchFailure[];
  failuresComplete: boolean;
  /** Why the batch stopped early (maxFailures, maxFailureRatio, `source: <type>: <message>`); absent when it ran to the end. */
  stopReason?: string;
  runs: number;
}

/** Answer of the `getBatchProgress` query. */
export interface BatchProgress {
  /** Items known so far; final once `totalKnown`. */
  total: number;
  totalKnown: boolean;
  /** Items known and not started yet. */
  pending: number;
  running: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  concurrency: number;
  window: number;
  specsPerMinute: number;
  /** Seconds left at the current pace, when the total is known and there is a pace. */
  estimatedSecondsLeft?: number;
  latestFailures: BatchFailure[];
  stopReason?: string;
  runs: number;
  /** When the batch's first run started (epoch ms), so a client that attaches later shows the batch's age. */
  startedAtMs?: number;
}
