import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { StillProcessingDetails } from '../activities/await-spec';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { getProgressQuery } from '../workflows/definitions';
import type { CreateSpecProgress } from '../workflows/types';

type Description = Awaited<ReturnType<WorkflowHandle['describe']>>;
/** One pending activity as the server describes it. */
export type PendingActivity = NonNullable<Description['raw']['pendingActivities']>[number];
type Timestamp = PendingActivity['nextAttemptScheduleTime'];

/** The name of the waiting activity of the default polling design. */
const WAITING_ACTIVITY = 'awaitSpecStatus';
/** The create activity, retried through an outage. */
const CREATE_ACTIVITY = 'createSpec';

function toMs(timestamp: Timestamp): number | undefined {
  if (timestamp === null || timestamp === undefined) return undefined;
  return Number(timestamp.seconds ?? 0) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
}

/**
 * The status DataFramer last reported, from the details of the activity's `SpecStillProcessing`
 * failure; undefined when there are none or they cannot be decoded (a custom payload codec).
 */
function stillProcessingStatus(failure: PendingActivity['lastFailure']): string | undefined {
  const payload = failure?.applicationFailureInfo?.details?.payloads?.[0];
  if (payload === undefined) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<StillProcessingDetails>(payload).view?.rawStatus ?? undefined;
  } catch {
    return undefined;
  }
}

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
  const waiting = pending.find((activity) => activity.activityType?.name === WAITING_ACTIVITY);
  if (waiting === undefined || progress.phase !== 'waiting') return progress;
  // Attempt 1 only waits; every later attempt reads once. `attempt` is the one running or due next.
  const readsInActivity = Math.max(0, (waiting.attempt ?? 1) - 2);
  const live: CreateSpecProgress = { ...progress, reads: progress.reads + readsInActivity };
  const lastReadAtMs = readsInActivity > 0 ? toMs(waiting.lastAttemptCompleteTime) : undefined;
  const nextReadAtMs = toMs(waiting.nextAttemptScheduleTime);
  if (lastReadAtMs !== undefined)
    Object.assign(live, { lastReadAtMs, lastReadAt: new Date(lastReadAtMs).toISOString() });
  if (nextReadAtMs !== undefined)
    Object.assign(live, { nextReadAtMs, nextReadAt: new Date(nextReadAtMs).toISOString() });
  const lastError = describeLastFailure(waiting);
  if (lastError !== undefined) live.lastTransientError = lastError;
  const failureType = waiting.lastFailure?.applicationFailureInfo?.type;
  const lastStatus =
    failureType === WORKFLOW_FAILURE_TYPES.SpecStillProcessing ? stillProcessingStatus(waiting.lastFailure) : undefined;
  if (lastStatus !== undefined) live.lastStatus = lastStatus;
  return live;
}

/** While the create is retried (an outage, say): its attempts so far and its last failure. */
function withPendingCreate(progress: CreateSpecProgress, pending: readonly PendingActivity[]): CreateSpecProgress {
  const creating = pending.find((activity) => activity.activityType?.name === CREATE_ACTIVITY);
  const lastError = creating === undefined ? undefined : describeLastFailure(creating);
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

function describeLastFailure(activity: PendingActivity): string | undefined {
  const failure = activity.lastFailure;
  const failureType = failure?.applicationFailureInfo?.type ?? (failure?.timeoutFailureInfo ? 'Timeout' : undefined);
  if (!failure || failureType === WORKFLOW_FAILURE_TYPES.SpecStillProcessing) return undefined;
  return `${failureType ?? 'Error'}: ${failure.message ?? ''}`;
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
