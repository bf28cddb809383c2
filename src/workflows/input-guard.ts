// The one place workflow code runs its input checks. A check that throws anything but a Temporal
// failure (an `InvalidInputError` from `src/common/input-checks.ts`, or a TypeError from a value of a
// type no check foresaw) would fail the workflow task, which Temporal retries forever: the workflow
// would never end. Here every such throw becomes a non-retryable `InvalidInput` failure instead.
import { ApplicationFailure, inWorkflowContext, patched, workflowInfo } from '@temporalio/workflow';
import { InvalidInputError, isPlainObject } from '../common/input-checks';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { INPUT_TYPES_PATCH } from './patches';

/** The non-retryable `InvalidInput` failure naming the field: `Invalid <subject> input: <field>: <problem>`. */
export function invalidInput(subject: string, field: string, problem: string): ApplicationFailure {
  return ApplicationFailure.create({
    type: WORKFLOW_FAILURE_TYPES.InvalidInput,
    message: `Invalid ${subject} input: ${field}: ${problem}`,
    nonRetryable: true,
    details: [{ field }],
  });
}

/** `err` as a Temporal failure: failures pass unchanged, anything else becomes `InvalidInput`. */
function asFailure(subject: string, err: unknown): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof InvalidInputError) return invalidInput(subject, err.field, err.problem);
  const problem = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return invalidInput(subject, 'input', `cannot be read (${problem.slice(0, 300)})`);
}

/** Runs an input check of workflow `subject`; whatever it throws fails the workflow with `InvalidInput`. */
export function checkedInput<T>(subject: string, check: () => T): T {
  try {
    return check();
  } catch (err) {
    throw asFailure(subject, err);
  }
}

/**
 * Runs a check newer than 0.2.0 (see {@link INPUT_TYPES_PATCH}): when it fails, the workflow fails
 * with `InvalidInput`, except on replay of a run started before the check, which goes on as it did.
 * The patch is asked only when the check fails, so valid input writes no marker.
 */
export function newInputCheck(subject: string, check: () => void): void {
  try {
    check();
  } catch (err) {
    // Outside a workflow (unit tests, client-side checks) there is no history to keep.
    if (!inWorkflowContext() || patched(INPUT_TYPES_PATCH)) throw asFailure(subject, err);
  }
}

/** `start()`'s promise, or a rejected one when `start` throws before it has one (an `InvalidInput` of a child's input). */
export function rejectingEarly<T>(start: () => Promise<T>): Promise<T> {
  try {
    return start();
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

/**
 * Checks a workflow's `state`: only continue-as-new carries one, so a first run given one (by hand)
 * fails, rather than trust an object no check could vouch for field by field.
 */
export function checkCarriedState(subject: string, state: unknown): void {
  if (state === undefined || state === null) return;
  if (!isPlainObject(state)) throw new InvalidInputError(subject, 'state', 'must be an object when given');
  if (inWorkflowContext() && workflowInfo().continuedFromExecutionRunId === undefined) {
    throw new InvalidInputError(subject, 'state', 'is carried across continue-as-new only: never set it yourself');
  }
}
