import { NON_RETRYABLE_DATAFRAMER_ERROR_TYPES } from '../dataframer/error-kinds';

/** Failure types raised by our workflows and activities themselves (beside the DataFramer error classes). */
export const WORKFLOW_FAILURE_TYPES = {
  /** The workflow input is invalid; names the field. Never retried. */
  InvalidInput: 'InvalidInput',
  /** DataFramer reported the spec FAILED; carries the spec id and DataFramer's message. Never retried. */
  SpecGenerationFailed: 'SpecGenerationFailed',
  /** The overall deadline passed before the spec finished; carries the last status seen. */
  SpecDeadlineExceeded: 'SpecDeadlineExceeded',
  /** Thrown by the waiting activity while the spec is still PROCESSING: a retry is the next read. */
  SpecStillProcessing: 'SpecStillProcessing',
  /** DataFramer reported the run FAILED; carries the run id and DataFramer's message. Never retried. */
  RunGenerationFailed: 'RunGenerationFailed',
  /** Someone other than this workflow canceled the run on DataFramer; carries the run id. Never retried. */
  RunCanceled: 'RunCanceled',
  /** DataFramer reported the evaluation FAILED; carries the evaluation id and DataFramer's message. Never retried. */
  EvaluationFailed: 'EvaluationFailed',
  /** The deadline of a run or evaluation wait passed; carries the kind, id, last status and reads. Never retried. */
  JobDeadlineExceeded: 'JobDeadlineExceeded',
  /** Thrown by the generic waiting activity while a run or evaluation still runs: a retry is the next read. */
  JobStillProcessing: 'JobStillProcessing',
  /**
   * A run or evaluation create whose earlier POST got no answer is not listed yet: retried once the
   * POST had time to appear (the activity's `nextRetryDelay`), never a second POST before that.
   */
  CreateUnconfirmed: 'CreateUnconfirmed',
  /**
   * Two or more runs (or evaluations) match a create and fall inside the window where this workflow's
   * own create may have succeeded: identical creates raced and cannot be told apart. Never retried, and
   * nothing adopted (one job must not get two owners); carries the candidate ids.
   */
  CreateAmbiguous: 'CreateAmbiguous',
  /**
   * DataFramer answered 401/403 to a status read of a spec, run or evaluation that exists: the worker's
   * key is wrong (a rotation, say). Retryable: the workflow keeps waiting until a person fixes the key
   * or the deadline.
   */
  ApiKeyRejected: 'ApiKeyRejected',
  /** A batch source that cannot be read (a missing file, HTTP 404, a redirect loop). Never retried. */
  BatchSourceUnreadable: 'BatchSourceUnreadable',
  /**
   * A batch source that changed after its first page was read (size, ETag, Last-Modified, a file's
   * mtime; the message names what changed): reading on would skip or repeat lines. Never retried.
   */
  BatchSourceChanged: 'BatchSourceChanged',
  /** A batch source read that may work again (refused, a 5xx, a connection closed early, a wrong Content-Range). */
  BatchSourceError: 'BatchSourceError',
  /**
   * A batch's source failed for good (`readBatchPage` failed after its retries, or at once with a
   * non-retryable type such as `BatchSourceUnreadable`): the batch started no more items, waited for
   * those it had started, and fails with this, its counts (a `CreateSpecsBatchResult`, whose
   * `stopReason` names the source's failure) as details. Never retried.
   */
  BatchSourceFailed: 'BatchSourceFailed',
} as const;

/**
 * Failure types of a batch item that closed without reporting its outcome, as the batch's result and
 * progress name them (`failures[].type`): the batch read how its item workflow closed.
 */
export const BATCH_ITEM_FAILURE_TYPES = {
  /** The batch could not start the item workflow. */
  ItemStartFailed: 'ItemStartFailed',
  /** The item workflow was terminated (by an operator, say); the message is the terminate reason. */
  ItemTerminated: 'ItemTerminated',
  /** The item workflow ran out of its execution or run timeout. */
  ItemTimedOut: 'ItemTimedOut',
  /** The item workflow failed (a bug: items report failed specs as outcomes); the message names its failure. */
  ItemFailed: 'ItemFailed',
  /** The item workflow is not on the server any more (closed longer ago than the namespace's retention). */
  ItemNotFound: 'ItemNotFound',
} as const;

/** One of {@link WORKFLOW_FAILURE_TYPES}. */
export type WorkflowFailureType = (typeof WORKFLOW_FAILURE_TYPES)[keyof typeof WORKFLOW_FAILURE_TYPES];

/**
 * Every failure type that no retry can fix: the DataFramer error classes marked non-retryable in
 * their table, plus our own permanent ones. Retry policies list these as `nonRetryableErrorTypes`.
 */
export const NON_RETRYABLE_FAILURE_TYPES: readonly string[] = Object.freeze([
  ...NON_RETRYABLE_DATAFRAMER_ERROR_TYPES,
  WORKFLOW_FAILURE_TYPES.InvalidInput,
  WORKFLOW_FAILURE_TYPES.SpecGenerationFailed,
  WORKFLOW_FAILURE_TYPES.SpecDeadlineExceeded,
  WORKFLOW_FAILURE_TYPES.RunGenerationFailed,
  WORKFLOW_FAILURE_TYPES.RunCanceled,
  WORKFLOW_FAILURE_TYPES.EvaluationFailed,
  WORKFLOW_FAILURE_TYPES.JobDeadlineExceeded,
  WORKFLOW_FAILURE_TYPES.CreateAmbiguous,
  WORKFLOW_FAILURE_TYPES.BatchSourceUnreadable,
  WORKFLOW_FAILURE_TYPES.BatchSourceChanged,
  WORKFLOW_FAILURE_TYPES.BatchSourceFailed,
]);
