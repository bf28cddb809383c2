import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  isCancellation,
  log,
  proxyActivities,
} from '@temporalio/workflow';
import type { CreatedJobAnswer, DataFramerActivities, JobStatusView } from '../../activities';
import { CANCEL_RUN_ACTIVITY_OPTIONS } from '../../common/job-activity-policies';
import type { JobWaitKind } from './job-kinds';
import { jobEndedUnsuccessfully, type JobWaitState } from './job-wait-state';
import type { WaitSettings } from './wait-kind';
import { waitUntilTerminal } from './wait-loop';

const { cancelRun } = proxyActivities<DataFramerActivities>(CANCEL_RUN_ACTIVITY_OPTIONS);

/** What to do with a run when its workflow is cancelled: leave it going, or cancel it on DataFramer. */
export type JobOnCancel = 'abandon' | 'cancel';

/** One job from create to its end: what to make, how to wait, what to do when cancelled. */
export interface JobStepPlan {
  kind: JobWaitKind;
  state: JobWaitState;
  settings: WaitSettings;
  signals: { pollNowRequested: boolean };
  create(): Promise<CreatedJobAnswer>;
  onCancel: JobOnCancel;
  continueAsNew(): Promise<never>;
}

/**
 * Creates the job (unless an earlier run of the workflow did) and waits for its end. With
 * `onCancel: 'cancel'` the create is not cancellable: a cancellation that arrived mid-POST is
 * applied once the job's id is known, so a run started just before the cancel is still canceled,
 * never orphaned (through an outage that wait lasts as long as the create's retries). With
 * `'abandon'` nothing would be done with the job, so a cancellation ends the create at once.
 */
export async function runJobStep(plan: JobStepPlan): Promise<JobStatusView> {
  const { kind, state } = plan;
  try {
    if (state.id === undefined) {
      const created = await (plan.onCancel === 'cancel'
        ? CancellationScope.nonCancellable(() => plan.create())
        : plan.create());
      state.id = created.id;
      state.createdAtMs = created.createdAtMs;
      if (created.adopted) state.adopted = true;
      log.info(`${kind.description.label} created`, { id: created.id, adopted: created.adopted });
    }
    state.phase = 'waiting';
    const context = { kind, id: state.id, state, settings: plan.settings, signals: plan.signals };
    const view = await waitUntilTerminal(context, () => plan.continueAsNew());
    if (view.outcome !== 'succeeded') {
      state.phase = 'failed';
      throw jobEndedUnsuccessfully(kind, view);
    }
    state.phase = 'succeeded';
    return view;
  } catch (err) {
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      state.phase = 'cancelled';
      await applyOnCancel(kind, state, plan.onCancel);
      throw err;
    }
    state.phase = 'failed';
    throw asTypedFailure(err);
  }
}

async function applyOnCancel(kind: JobWaitKind, state: JobWaitState, onCancel: JobOnCancel): Promise<void> {
  const id = state.id;
  if (onCancel !== 'cancel' || id === undefined || kind.kind !== 'run') return;
  try {
    const answer = await CancellationScope.nonCancellable(() => cancelRun(id));
    log.info('Canceled the run of a cancelled workflow', { runId: id, cancelRequested: answer.cancelRequested });
    if (answer.view !== undefined) state.lastStatus = answer.view.rawStatus ?? answer.view.status;
  } catch (err) {
    log.warn('Could not cancel the run of a cancelled workflow', { runId: id, error: String(err) });
  }
}

/**
 * An activity's failure re-raised as the workflow's own, keeping its type (`BadRequestError`, ...),
 * so callers see what went wrong without unwrapping `ActivityFailure`.
 */
export function asTypedFailure(err: unknown): unknown {
  if (!(err instanceof ActivityFailure) || !(err.cause instanceof ApplicationFailure)) return err;
  const cause = err.cause;
  return ApplicationFailure.create({
    type: cause.type ?? 'Error',
    message: cause.message,
    nonRetryable: true,
    details: cause.details ?? [],
    cause: err,
  });
}
