import { proxyActivities, type ApplicationFailure } from '@temporalio/workflow';
import type { CreatedJobAnswer, DataFramerActivities } from '../../activities';
import { MIN_RETRY_DELAY_MS } from '../../common/activity-policies';
import { CREATE_EVALUATION_ACTIVITY_OPTIONS, CREATE_RUN_ACTIVITY_OPTIONS } from '../../common/job-activity-policies';
import { invalidInput } from './job-input';
import type { JobWaitKind } from './job-kinds';
import { jobDeadlineExceeded, type JobWaitState } from './job-wait-state';
import { cutOffByDeadline, describeFailure } from './transient-failures';

// How a run or evaluation workflow creates its job: retried (by Temporal, writing no history) until
// the job's deadline, like `createSpec`, so an outage of any length up to the deadline loses nothing;
// retried creates adopt the job an earlier attempt made, so retrying never starts a second run.

/** The create activities, as a workflow's proxy holds them. */
export type JobCreateActivities = Pick<DataFramerActivities, 'createRun' | 'createEvaluation'>;

/** One job's create: which kind, its wait state (the deadline), and the attempt limit if any. */
export interface JobCreatePlan {
  kind: JobWaitKind;
  state: JobWaitState;
  /** From {@link resolveCreateMaximumAttempts}: undefined retries until the deadline. */
  createMaximumAttempts: number | undefined;
}

/** Checks the workflow input's `createMaximumAttempts`: absent (unlimited, bounded by the deadline) or a positive integer. */
export function resolveCreateMaximumAttempts(workflow: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1) {
    throw invalidInput(workflow, 'createMaximumAttempts', 'must be a positive integer');
  }
  return value as number;
}

/**
 * The create activities of one job, bounded by its deadline: the schedule-to-close is the time left,
 * at least {@link MIN_RETRY_DELAY_MS} (never zero or negative, which Temporal would not take as a
 * bound), and the retry policy's attempts are `createMaximumAttempts` when given (else unlimited).
 */
export function jobCreateActivities({ kind, state, createMaximumAttempts }: JobCreatePlan): JobCreateActivities {
  const options = kind.kind === 'run' ? CREATE_RUN_ACTIVITY_OPTIONS : CREATE_EVALUATION_ACTIVITY_OPTIONS;
  return proxyActivities<DataFramerActivities>({
    ...options,
    scheduleToCloseTimeout: Math.max(MIN_RETRY_DELAY_MS, state.deadlineAtMs - Date.now()),
    retry: {
      ...options.retry,
      ...(createMaximumAttempts !== undefined && { maximumAttempts: createMaximumAttempts }),
    },
  });
}

/**
 * Creates the job with `create` on {@link jobCreateActivities}; a create cut off by its deadline
 * ends as `JobDeadlineExceeded` (its last error in the details' `lastTransientError`). Call it from
 * the job step's `create`, so the proxy is built (and the time left measured) when the create starts.
 */
export async function createJobBeforeDeadline(
  plan: JobCreatePlan,
  create: (activities: JobCreateActivities) => Promise<CreatedJobAnswer>,
): Promise<CreatedJobAnswer> {
  try {
    return await create(jobCreateActivities(plan));
  } catch (err) {
    throw asJobDeadlineExceeded(plan, err) ?? err;
  }
}

/** A create cut off by its schedule-to-close (the deadline) as `JobDeadlineExceeded`; undefined for any other failure. */
function asJobDeadlineExceeded({ kind, state }: JobCreatePlan, err: unknown): ApplicationFailure | undefined {
  const cutOff = cutOffByDeadline(err);
  if (cutOff === undefined) return undefined;
  if (cutOff.last !== undefined) state.lastTransientError = describeFailure(cutOff.last);
  return jobDeadlineExceeded(kind, state);
}
