import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  sleep,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  BATCH_ITEM_CREATE_ATTEMPTS,
  BATCH_ITEM_RETRIED_FAILURE_TYPES,
  BATCH_LIMITS,
} from '../../common/batch-policies';
import { specWorkflowId } from '../../common/constants';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import { InvalidInputError, isPlainObject } from '../../common/input-checks';
import { startCreateSpecChild } from '../child';
import { checkedInput, newInputCheck } from '../input-guard';
import { resolveWorkflowSettings } from '../input-validation';
import { batchItemFinishedSignal, batchItemRateLimitedSignal } from './definitions';
import type { BatchItemInput, BatchItemOutcome } from './types';

/** Failure type of a spec refused with 429s past its create attempts: the batch narrows its window. */
const RATE_LIMITED_TYPE = 'RateLimitError';

/**
 * Waits between tries when the spec's workflow id is taken by a run this item did not start (the same
 * spec started by hand, or by a batch run that was terminated): 5 s doubling to 5 minutes, so a short
 * overlap clears fast and a long one costs a few events an hour.
 */
export const BATCH_ITEM_RETRY_BACKOFF = { initialMs: 5_000, maxMs: 5 * 60_000 } as const;

const backoffMs = (tries: number) =>
  Math.min(BATCH_ITEM_RETRY_BACKOFF.maxMs, BATCH_ITEM_RETRY_BACKOFF.initialMs * 2 ** Math.min(tries, 10));

function describeFailure(err: unknown): { type: string; message: string } {
  const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
  let type = 'Error';
  if (cause instanceof ApplicationFailure) type = cause.type ?? 'Error';
  else if (cause instanceof TimeoutFailure) type = 'Timeout';
  const message = cause instanceof Error ? cause.message : String(cause);
  return { type, message: message.slice(0, BATCH_LIMITS.maxFailureMessage) };
}

/**
 * The child failed after a create that may have made the spec: its createSpec said so in the
 * failure's details (a POST that got no answer). A child whose creates were all refused (429s) made
 * nothing, so a spec of that name is someone else's.
 */
function createMayHaveMadeSpec(err: unknown): boolean {
  const cause = err instanceof ChildWorkflowFailure ? err.cause : err;
  if (!(cause instanceof ApplicationFailure)) return false;
  return (cause.details ?? []).some(
    (detail) =>
      typeof detail === 'object' && detail !== null && (detail as { mayHaveCreated?: unknown }).mayHaveCreated === true,
  );
}

async function runItem(input: BatchItemInput, outcome: BatchItemOutcome): Promise<BatchItemOutcome> {
  const { spec } = input;
  if (input.invalid !== undefined || spec === undefined) {
    const message = input.invalid ?? 'no request';
    return { ...outcome, status: 'FAILED', failure: { type: WORKFLOW_FAILURE_TYPES.InvalidInput, message } };
  }
  let named: BatchItemOutcome;
  try {
    // The spec's id is made from its request: checked with it, so a request of the wrong type fails
    // this item (InvalidInput) instead of throwing in workflow code.
    named = checkedInput('createSpecWorkflow', () => {
      resolveWorkflowSettings(spec);
      return { ...outcome, name: spec.request.name, specWorkflowId: specWorkflowId(spec.request) };
    });
  } catch (err) {
    return { ...outcome, status: 'FAILED', failure: describeFailure(err) };
  }
  const itemStartedAtMs = workflowInfo().startTime.getTime();
  let earlierChildMayHaveCreated = false;
  for (let tries = 0; ; tries++) {
    try {
      const child = await startCreateSpecChild({
        ...spec,
        createMaximumAttempts: spec.createMaximumAttempts ?? BATCH_ITEM_CREATE_ATTEMPTS,
        // A spec an unanswered create of an earlier child may have made is this item's own: one made
        // since the item started. The batch's ifNameExists holds for any other.
        ...(earlierChildMayHaveCreated && { callerMayHaveCreatedSinceMs: itemStartedAtMs }),
      });
      const result = await child.result();
      return { ...named, status: 'SUCCEEDED', specId: result.specId };
    } catch (err) {
      if (isCancellation(err)) return { ...named, status: 'CANCELLED' };
      const taken = err instanceof WorkflowExecutionAlreadyStartedError;
      const failure = describeFailure(err);
      const transient = BATCH_ITEM_RETRIED_FAILURE_TYPES.includes(failure.type);
      if (!taken && !transient) return { ...named, status: 'FAILED', failure };
      earlierChildMayHaveCreated ||= transient && createMayHaveMadeSpec(err);
      if (failure.type === RATE_LIMITED_TYPE)
        await tellBatch(input, (batch) => batch.signal(batchItemRateLimitedSignal, input.index));
      log.info('Batch item waits to try its spec again', { index: input.index, taken, tries });
      try {
        await sleep(backoffMs(tries));
      } catch (sleepErr) {
        if (isCancellation(sleepErr)) return { ...named, status: 'CANCELLED' };
        throw sleepErr;
      }
    }
  }
}

type BatchHandle = ReturnType<typeof getExternalWorkflowHandle>;

// The batch may be gone (terminated, or finished after a stop): the outcome is still this workflow's result.
async function tellBatch(input: BatchItemInput, send: (batch: BatchHandle) => Promise<void>): Promise<void> {
  try {
    await CancellationScope.nonCancellable(() => send(getExternalWorkflowHandle(input.batchWorkflowId)));
  } catch (err) {
    log.warn('Could not signal the batch', { batchWorkflowId: input.batchWorkflowId, error: String(err) });
  }
}

const ITEM_WORKFLOW = 'createSpecsBatchItemWorkflow';

// The batch always gives these right; an item started by hand with them wrong cannot report, so it fails.
function checkItemInput(input: BatchItemInput): void {
  newInputCheck(ITEM_WORKFLOW, () => {
    const fail = (field: string, problem: string) => new InvalidInputError(ITEM_WORKFLOW, field, problem);
    if (!isPlainObject(input)) throw fail('input', 'must be an object');
    if (!Number.isSafeInteger(input.index) || input.index < 0) throw fail('index', 'must be an integer from 0');
    if (typeof input.batchWorkflowId !== 'string' || input.batchWorkflowId === '') {
      throw fail('batchWorkflowId', 'must be a non-empty string');
    }
    if (input.invalid !== undefined && typeof input.invalid !== 'string') throw fail('invalid', 'must be a string');
  });
}

/**
 * One item of a batch: runs {@link createSpecWorkflow} as its child (id `specWorkflowId(request)`),
 * then signals the outcome to the batch's workflow id (no run id, so a batch that continued as new
 * still hears it) and returns it, so every outcome stays readable by this workflow's id. Never fails on
 * its spec's account: a request of any wrong type, a failed spec or a cancellation are outcomes (only
 * an index or batch id of the wrong type, which no batch gives, fails it with `InvalidInput`).
 */
export async function createSpecsBatchItemWorkflow(input: BatchItemInput): Promise<BatchItemOutcome> {
  checkItemInput(input);
  const outcome = await runItem(input, { index: input.index, status: 'FAILED' });
  await tellBatch(input, (batch) => batch.signal(batchItemFinishedSignal, outcome));
  return outcome;
}
