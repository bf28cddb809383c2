import { tryDurationToMs } from '../common/durations';
import { checkPollTypes, checkSpecIdentity, InvalidInputError, isPlainObject } from '../common/input-checks';
import { resolvePollSchedule, type ResolvedPollSchedule } from '../common/poll-schedule';
import { checkCarriedState, checkedInput, invalidInput, newInputCheck } from './input-guard';
import type { CreateSpecWorkflowInput, OnCancel, PollingDesign } from './types';

type IfNameExists = NonNullable<CreateSpecWorkflowInput['ifNameExists']>;

/** Defaults of the workflow input that are not part of the poll schedule. */
export const CREATE_SPEC_WORKFLOW_DEFAULTS = {
  deadline: '24 hours',
  onCancel: 'abandon',
  pollingDesign: 'activity-retry',
  continueAsNewAfterReads: 2000,
  ifNameExists: 'fail',
} as const;

/** The workflow input with every default filled and every duration in milliseconds. */
export interface WorkflowSettings {
  name: string;
  schedule: ResolvedPollSchedule;
  deadlineMs: number;
  onCancel: OnCancel;
  pollingDesign: PollingDesign;
  continueAsNewAfterReads: number;
  ifNameExists: IfNameExists;
  /** undefined: unlimited (until the deadline). */
  createMaximumAttempts: number | undefined;
  /** undefined: no earlier execution of the caller may have made the spec. */
  callerMayHaveCreatedSinceMs: number | undefined;
}

const POLLING_DESIGNS: readonly PollingDesign[] = ['activity-retry', 'timer-activity', 'timer-local-activity'];
const ON_CANCEL: readonly OnCancel[] = ['abandon', 'delete'];
const IF_NAME_EXISTS: readonly IfNameExists[] = ['fail', 'adopt'];

const WORKFLOW = 'createSpecWorkflow';
const invalid = (field: string, problem: string) => invalidInput(WORKFLOW, field, problem);

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Cheap checks of a create-spec request at `at` of workflow `subject`'s input (no zod in workflow code:
 * the createSpec activity validates the request fully): the identity its workflow id is made of, no
 * secret, objectives for a seedless spec. Throws `InvalidInput` naming the field; returns the name.
 */
export function checkSpecRequest(subject: string, request: unknown, at: string): string {
  const fail = (field: string, problem: string) => invalidInput(subject, field, problem);
  // An array passed `typeof` and then failed on its name: the same failure, told plainly.
  if (!isPlainObject(request)) throw fail(at, 'must be an object');
  if (!isNonEmptyString(request.name)) throw fail(`${at}.name`, 'is required and must be a non-empty string');
  if ('databricks_client_secret' in request) {
    throw fail(
      `${at}.databricks_client_secret`,
      'secrets must not enter workflow history; set DATAFRAMER_DATABRICKS_CLIENT_SECRET (or DATAFRAMER_DATABRICKS_CLIENT_SECRETS) on the worker',
    );
  }
  newInputCheck(subject, () => {
    checkSpecIdentity(subject, request, at);
    const objectives = request.generation_objectives;
    if (objectives !== undefined && typeof objectives !== 'string') {
      throw new InvalidInputError(subject, `${at}.generation_objectives`, 'must be a string');
    }
  });
  if (request.dataset_id === undefined && !isNonEmptyString(request.generation_objectives)) {
    throw fail(`${at}.generation_objectives`, 'is required for seedless specs (no dataset_id)');
  }
  return request.name;
}

function pick<T>(field: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * Validates the workflow input and fills its defaults; throws a non-retryable `InvalidInput` naming the
 * field, whatever the types of the input's values (never a plain error, which would wedge the workflow).
 */
export function resolveWorkflowSettings(input: CreateSpecWorkflowInput): WorkflowSettings {
  return checkedInput(WORKFLOW, () => resolve(input));
}

function resolve(input: CreateSpecWorkflowInput): WorkflowSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('input', 'must be an object');
  const name = checkSpecRequest(WORKFLOW, input.request, 'request');
  newInputCheck(WORKFLOW, () => {
    checkPollTypes(WORKFLOW, input.poll);
    checkCarriedState(WORKFLOW, input.state);
  });
  let schedule: ResolvedPollSchedule;
  try {
    schedule = resolvePollSchedule(input.poll ?? {});
  } catch (err) {
    throw invalid('poll', (err as Error).message);
  }
  const deadlineMs = tryDurationToMs(input.deadline ?? CREATE_SPEC_WORKFLOW_DEFAULTS.deadline);
  if (deadlineMs === undefined || deadlineMs <= 0) throw invalid('deadline', 'must be a positive Temporal duration');
  const continueAsNewAfterReads =
    input.continueAsNewAfterReads ?? CREATE_SPEC_WORKFLOW_DEFAULTS.continueAsNewAfterReads;
  if (!Number.isInteger(continueAsNewAfterReads) || continueAsNewAfterReads < 1) {
    throw invalid('continueAsNewAfterReads', 'must be a positive integer');
  }
  const createMaximumAttempts = input.createMaximumAttempts;
  if (createMaximumAttempts !== undefined && (!Number.isInteger(createMaximumAttempts) || createMaximumAttempts < 1)) {
    throw invalid('createMaximumAttempts', 'must be a positive integer');
  }
  const sinceMs = input.callerMayHaveCreatedSinceMs;
  if (sinceMs !== undefined && (typeof sinceMs !== 'number' || !Number.isFinite(sinceMs) || sinceMs < 0)) {
    throw invalid('callerMayHaveCreatedSinceMs', 'must be a time in epoch milliseconds');
  }
  return {
    name,
    schedule,
    deadlineMs,
    onCancel: pick('onCancel', input.onCancel, ON_CANCEL, CREATE_SPEC_WORKFLOW_DEFAULTS.onCancel),
    pollingDesign: pick(
      'pollingDesign',
      input.pollingDesign,
      POLLING_DESIGNS,
      CREATE_SPEC_WORKFLOW_DEFAULTS.pollingDesign,
    ),
    continueAsNewAfterReads,
    ifNameExists: pick('ifNameExists', input.ifNameExists, IF_NAME_EXISTS, CREATE_SPEC_WORKFLOW_DEFAULTS.ifNameExists),
    createMaximumAttempts,
    callerMayHaveCreatedSinceMs: sinceMs,
  };
}
