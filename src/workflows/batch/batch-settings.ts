import { BATCH_ITEM_CHECK_INTERVAL, BATCH_LIMITS } from '../../common/batch-policies';
import { tryDurationToMs } from '../../common/durations';
import { checkOptionalDuration, checkPollTypes } from '../../common/input-checks';
import { checkCarriedState, checkedInput, invalidInput, newInputCheck } from '../input-guard';
import { oneOf } from '../waiting/job-input';
import type { CreateSpecWorkflowInput, OnCancel } from '../types';
import type { BatchSource, CreateSpecsBatchInput } from './types';

/** The batch input checked, with its defaults filled. */
export interface BatchSettings {
  requests: unknown[] | undefined;
  source: BatchSource | undefined;
  concurrency: number;
  maxFailures: number | undefined;
  maxFailureRatio: number | undefined;
  continueAsNewAfterEvents: number;
  /** How often items an earlier run started are checked (`itemCheckInterval`). */
  itemCheckIntervalMs: number;
  /** What every child gets besides its request. */
  childDefaults: Omit<CreateSpecWorkflowInput, 'request'>;
}

/** Finished specs before `maxFailureRatio` is judged: one early failure must not stop a batch. */
export const MIN_FINISHED_FOR_FAILURE_RATIO = 10;

const WORKFLOW = 'createSpecsBatchWorkflow';
const invalid = (field: string, problem: string) => invalidInput(WORKFLOW, field, problem);
const ON_CANCEL: readonly OnCancel[] = ['abandon', 'delete'];

/** Throws `InvalidInput` unless `value` is an integer in [min, max]. */
export function checkConcurrency(value: unknown, field = 'concurrency'): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > BATCH_LIMITS.maxConcurrency) {
    throw invalid(field, `must be an integer from 1 to ${BATCH_LIMITS.maxConcurrency}`);
  }
  return value as number;
}

function checkSource(source: unknown): BatchSource {
  const fields = (typeof source === 'object' && source !== null ? source : {}) as Record<string, unknown>;
  if (typeof fields.path === 'string' && fields.path !== '' && fields.url === undefined) return { path: fields.path };
  if (typeof fields.url === 'string' && /^https?:\/\//i.test(fields.url) && fields.path === undefined) {
    return { url: fields.url };
  }
  throw invalid('source', 'must be { path } (a JSONL file every worker can read) or { url } (http or https)');
}

function optionalNumber(field: string, value: unknown, ok: (n: number) => boolean, rule: string) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !ok(value)) throw invalid(field, rule);
  return value;
}

/** Shortest `itemCheckInterval`: each check is a timer and an activity in the batch's history. */
const MIN_ITEM_CHECK_MS = 1_000;

function itemCheckMs(value: unknown): number {
  const ms = tryDurationToMs(value ?? BATCH_ITEM_CHECK_INTERVAL);
  if (ms === undefined || ms < MIN_ITEM_CHECK_MS) {
    throw invalid('itemCheckInterval', "must be a duration of at least 1 second ('2 minutes', or milliseconds)");
  }
  return ms;
}

/**
 * Validates the batch input (not its items: a bad item fails alone) and fills the defaults; a field of
 * the wrong type fails the batch at once with `InvalidInput`, whatever the type.
 */
export function resolveBatchSettings(input: CreateSpecsBatchInput): BatchSettings {
  return checkedInput(WORKFLOW, () => resolve(input));
}

// What every child gets is checked here, so that a bad one fails the batch, not each child in turn.
function checkChildDefaults(input: CreateSpecsBatchInput): void {
  newInputCheck(WORKFLOW, () => {
    checkPollTypes(WORKFLOW, input.poll);
    checkOptionalDuration(WORKFLOW, input.deadline, 'deadline');
    oneOf(WORKFLOW, 'onCancel', input.onCancel, ON_CANCEL, 'abandon');
    checkCarriedState(WORKFLOW, input.state);
  });
}

function resolve(input: CreateSpecsBatchInput): BatchSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('input', 'must be an object');
  checkChildDefaults(input);
  if ((input.requests === undefined) === (input.source === undefined)) {
    throw invalid('requests', 'give either requests (inline) or source (a JSONL path or URL), not both');
  }
  if (input.requests !== undefined && !Array.isArray(input.requests)) throw invalid('requests', 'must be an array');
  if (
    input.requests !== undefined &&
    input.state === undefined &&
    input.requests.length > BATCH_LIMITS.maxInlineRequests
  ) {
    throw invalid('requests', `at most ${BATCH_LIMITS.maxInlineRequests} inline; put larger batches in a source`);
  }
  const childDefaults: Omit<CreateSpecWorkflowInput, 'request'> = {};
  if (input.poll !== undefined) childDefaults.poll = input.poll;
  // typescript-eslint cannot resolve the `ms` template type behind Duration and calls it an error type.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment
  if (input.deadline !== undefined) childDefaults.deadline = input.deadline;
  if (input.onCancel !== undefined) childDefaults.onCancel = input.onCancel;
  const ifNameExists: unknown = input.ifNameExists;
  if (ifNameExists !== undefined) {
    if (ifNameExists !== 'fail' && ifNameExists !== 'adopt') throw invalid('ifNameExists', 'must be fail or adopt');
    childDefaults.ifNameExists = ifNameExists;
  }
  return {
    requests: input.requests,
    source: input.source === undefined ? undefined : checkSource(input.source),
    concurrency: checkConcurrency(input.concurrency ?? BATCH_LIMITS.defaultConcurrency),
    maxFailures: optionalNumber(
      'maxFailures',
      input.maxFailures,
      (n) => Number.isInteger(n) && n >= 1,
      'must be a positive integer',
    ),
    maxFailureRatio: optionalNumber(
      'maxFailureRatio',
      input.maxFailureRatio,
      (n) => n > 0 && n <= 1,
      'must be in (0, 1]',
    ),
    continueAsNewAfterEvents:
      optionalNumber(
        'continueAsNewAfterEvents',
        input.continueAsNewAfterEvents,
        (n) => Number.isInteger(n) && n >= 50 && n <= 40_000,
        'must be an integer from 50 to 40,000',
      ) ?? BATCH_LIMITS.continueAsNewAfterEvents,
    itemCheckIntervalMs: itemCheckMs(input.itemCheckInterval),
    childDefaults,
  };
}
