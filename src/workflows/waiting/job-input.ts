import { tryDurationToMs } from '../../common/durations';
import { checkPollTypes, InvalidInputError, isPlainObject } from '../../common/input-checks';
import { resolvePollSchedule, type PollSchedule } from '../../common/poll-schedule';
import { checkCarriedState, checkedInput, invalidInput, newInputCheck } from '../input-guard';
import type { Duration } from '../../common/durations';
import type { PollingDesign } from '../types';
import type { WaitSettings } from './wait-kind';

/** Defaults of the run and evaluation workflows (and of each pipeline step). */
export const JOB_WORKFLOW_DEFAULTS = {
  /** Runs of 20,000 samples take hours; a day bounds a stuck one. */
  deadline: '24 hours',
  onCancel: 'abandon',
  pollingDesign: 'activity-retry',
  continueAsNewAfterReads: 2000,
} as const;

/** The waiting part of a job workflow's input, shared by every kind. */
export interface JobWaitInput {
  /** When to read the status. @default DEFAULT_POLL_SCHEDULE */
  poll?: PollSchedule;
  /** Give up (failing with `JobDeadlineExceeded`) this long after the workflow started. @default '24 hours' */
  deadline?: Duration;
  /** @default 'activity-retry' */
  pollingDesign?: PollingDesign;
  /** Continue as new after this many status reads in one run. @default 2000 */
  continueAsNewAfterReads?: number;
}

/** A job workflow's input with its waiting defaults filled. */
export interface ResolvedJobInput extends WaitSettings {
  deadlineMs: number;
}

export { invalidInput };

/** Checks that `value` is one of `allowed` (or absent: then `fallback`). */
export function oneOf<T>(workflow: string, field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw invalidInput(workflow, field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

const POLLING_DESIGNS: readonly PollingDesign[] = ['activity-retry', 'timer-activity', 'timer-local-activity'];

/** Validates and fills the waiting fields of any job workflow's input (and checks the type of its `state`). */
export function resolveJobWaitInput(workflow: string, input: JobWaitInput & { state?: unknown }): ResolvedJobInput {
  return checkedInput(workflow, () => resolveWaitFields(workflow, input));
}

function resolveWaitFields(workflow: string, input: JobWaitInput & { state?: unknown }): ResolvedJobInput {
  newInputCheck(workflow, () => {
    checkPollTypes(workflow, input.poll);
    checkCarriedState(workflow, input.state);
  });
  let schedule;
  try {
    schedule = resolvePollSchedule(input.poll ?? {});
  } catch (err) {
    throw invalidInput(workflow, 'poll', (err as Error).message);
  }
  const deadlineMs = tryDurationToMs(input.deadline ?? JOB_WORKFLOW_DEFAULTS.deadline);
  if (deadlineMs === undefined || deadlineMs <= 0) {
    throw invalidInput(workflow, 'deadline', 'must be a positive Temporal duration');
  }
  const continueAsNewAfterReads = input.continueAsNewAfterReads ?? JOB_WORKFLOW_DEFAULTS.continueAsNewAfterReads;
  if (!Number.isInteger(continueAsNewAfterReads) || continueAsNewAfterReads < 1) {
    throw invalidInput(workflow, 'continueAsNewAfterReads', 'must be a positive integer');
  }
  const pollingDesign = oneOf(
    workflow,
    'pollingDesign',
    input.pollingDesign,
    POLLING_DESIGNS,
    JOB_WORKFLOW_DEFAULTS.pollingDesign,
  );
  return { schedule, deadlineMs, pollingDesign, continueAsNewAfterReads };
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Cheap checks of a run request (no zod in workflow code; `createRun` validates fully). */
export function checkRunRequest(workflow: string, field: string, request: unknown, needsSpecId = true): void {
  checkedInput(workflow, () => checkRunFields(workflow, field, request, needsSpecId));
}

function checkRunFields(workflow: string, field: string, request: unknown, needsSpecId: boolean): void {
  // An array failed on its number_of_samples before: the same failure, told plainly.
  if (!isPlainObject(request)) throw invalidInput(workflow, field, 'must be an object');
  const fields = request;
  if (needsSpecId && !isNonEmptyString(fields.spec_id)) {
    throw invalidInput(workflow, `${field}.spec_id`, 'is required and must be a non-empty string');
  }
  const samples = fields.number_of_samples;
  if (!Number.isInteger(samples) || (samples as number) < 1 || (samples as number) > 20_000) {
    throw invalidInput(workflow, `${field}.number_of_samples`, 'must be an integer from 1 to 20000');
  }
}

/** Cheap checks of an evaluation request. */
export function checkEvaluationRequest(workflow: string, field: string, request: unknown, needsRunId = true): void {
  checkedInput(workflow, () => {
    if (typeof request !== 'object' || request === null) throw invalidInput(workflow, field, 'must be an object');
    // Without a run id to check (a pipeline's), an array went on to the create before.
    newInputCheck(workflow, () => {
      if (Array.isArray(request)) throw new InvalidInputError(workflow, field, 'must be an object');
    });
    if (needsRunId && !isNonEmptyString((request as Record<string, unknown>).run_id)) {
      throw invalidInput(workflow, `${field}.run_id`, 'is required and must be a non-empty string');
    }
  });
}
