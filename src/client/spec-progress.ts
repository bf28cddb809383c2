import type { WorkflowHandle } from '@temporalio/client';
import type { StillProcessingDetails } from '../activities/await-spec';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { getProgressQuery } from '../workflows/definitions';
import type { CreateSpecProgress } from '../workflows/types';
import { describeLastFailure, liveTimes, liveWait, toMs, type PendingActivity } from './pending-activity';

export type { PendingActivity };

/** The name of the waiting activity of the default polling design. */
const WAITING_ACTIVITY = 'awaitSpecStatus';
/** The create activity, retried through an outage. */
const CREATE_ACTIVITY = 'createSpec';

/**
 * The workflow's progress brought up to date with its pending waiting activity. With the default
 * polling design the workflow learns of its reads only when a waiting activity ends (retries write no
 * history); the server knows the activity's attempt, when the last one ended, when the next one is
 * due and why the last one failed.
 */
export function withPendingActivities(
  progress: CreateSpecProgress,
  pending: readonly PendingActivity[],
): CreateSpecProgress {
  if (progress.phase === 'creating') return withPendingCreate(progress, pending);
  if (progress.phase !== 'waiting') return progress;
  const live = liveWait<StillProcessingDetails>(pending, WAITING_ACTIVITY, WORKFLOW_FAILURE_TYPES.SpecStillProcessing);
  if (live === undefined) return progress;
  const updated: CreateSpecProgress = { ...progress, reads: progress.reads + live.readsInActivity, ...liveTimes(live) };
  if (live.lastError !== undefined) updated.lastTransientError = live.lastError;
  const lastStatus = live.stillRunning?.view?.rawStatus ?? undefined;
  if (lastStatus !== undefined) updated.lastStatus = lastStatus;
  return updated;
}

/** While the create is retried (an outage, say): its attempts so far and its last failure. */
function withPendingCreate(progress: CreateSpecProgress, pending: readonly PendingActivity[]): CreateSpecProgress {
  const creating = pending.find((activity) => activity.activityType?.name === CREATE_ACTIVITY);
  const lastError =
    creating === undefined ? undefined : describeLastFailure(creating, WORKFLOW_FAILURE_TYPES.SpecStillProcessing);
  if (creating === undefined || lastError === undefined) return progress;
  const live: CreateSpecProgress = {
    ...progress,
    lastTransientError: lastError,
    createAttempts: creating.attempt ?? 1,
  };
  const nextAttemptAtMs = toMs(creating.nextAttemptScheduleTime);
  if (nextAttemptAtMs !== undefined) live.nextReadAt = new Date(nextAttemptAtMs).toISOString();
  return live;
}

/**
 * Where a spec workflow stands right now: its `getProgress` query, completed by the server's view of
 * the pending waiting activity, so that reads, last and next read times and the last transient error
 * move while Temporal retries the read (see {@link withPendingActivities}).
 */
export async function getSpecProgress(handle: WorkflowHandle): Promise<CreateSpecProgress> {
  const [progress, description] = await Promise.all([handle.query(getProgressQuery), handle.describe()]);
  return withPendingActivities(progress, description.raw.pendingActivities ?? []);
}
