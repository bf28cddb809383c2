import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';

// What the server knows of a workflow's pending waiting activity that the workflow does not: with
// the default polling design the workflow learns of its reads only when the waiting activity ends
// (retries write no history), but the server has the attempt, when the last one ended, when the
// next is due and why the last one failed (a "still running" failure carries the status read).

type Description = Awaited<ReturnType<WorkflowHandle['describe']>>;
/** One pending activity as the server describes it. */
export type PendingActivity = NonNullable<Description['raw']['pendingActivities']>[number];
type Timestamp = PendingActivity['nextAttemptScheduleTime'];

/** What the pending waiting activity adds to a workflow's own progress. */
export interface LiveWait<Details> {
  /** Reads made by this activity's attempts (attempt 1 only waits). */
  readsInActivity: number;
  lastReadAtMs?: number;
  nextReadAtMs?: number;
  /** The last attempt's failure when it was not "still running" (`<type>: <message>`). */
  lastError?: string;
  /** The details of the last attempt's "still running" failure (the status it read), when decodable. */
  stillRunning?: Details;
}

/** Epoch milliseconds of a server timestamp. */
export function toMs(timestamp: Timestamp): number | undefined {
  if (timestamp === null || timestamp === undefined) return undefined;
  return Number(timestamp.seconds ?? 0) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
}

/** `<type>: <message>` of an activity's last failure, unless it is the expected "still running" one. */
export function describeLastFailure(activity: PendingActivity, stillRunningType: string): string | undefined {
  const failure = activity.lastFailure;
  const failureType = failure?.applicationFailureInfo?.type ?? (failure?.timeoutFailureInfo ? 'Timeout' : undefined);
  if (!failure || failureType === stillRunningType) return undefined;
  return `${failureType ?? 'Error'}: ${failure.message ?? ''}`;
}

/** The first details of a failure of `type`; undefined for another type or details that cannot be decoded (a custom codec). */
function detailsOf<Details>(failure: PendingActivity['lastFailure'], type: string): Details | undefined {
  if (failure?.applicationFailureInfo?.type !== type) return undefined;
  const payload = failure.applicationFailureInfo.details?.payloads?.[0];
  if (payload === undefined) return undefined;
  try {
    return defaultPayloadConverter.fromPayload<Details>(payload);
  } catch {
    return undefined;
  }
}

/** What the pending activity `activityType` says beyond the workflow's state; undefined when none is pending. */
export function liveWait<Details>(
  pending: readonly PendingActivity[],
  activityType: string,
  stillRunningType: string,
): LiveWait<Details> | undefined {
  const waiting = pending.find((activity) => activity.activityType?.name === activityType);
  if (waiting === undefined) return undefined;
  // Attempt 1 only waits; every later attempt reads once. `attempt` is the one running or due next.
  const readsInActivity = Math.max(0, (waiting.attempt ?? 1) - 2);
  const live: LiveWait<Details> = { readsInActivity };
  const lastReadAtMs = readsInActivity > 0 ? toMs(waiting.lastAttemptCompleteTime) : undefined;
  const nextReadAtMs = toMs(waiting.nextAttemptScheduleTime);
  if (lastReadAtMs !== undefined) live.lastReadAtMs = lastReadAtMs;
  if (nextReadAtMs !== undefined) live.nextReadAtMs = nextReadAtMs;
  const lastError = describeLastFailure(waiting, stillRunningType);
  if (lastError !== undefined) live.lastError = lastError;
  const stillRunning = detailsOf<Details>(waiting.lastFailure, stillRunningType);
  if (stillRunning !== undefined) live.stillRunning = stillRunning;
  return live;
}

/** The live fields of a wait as a progress answer's fields (times as epoch ms and ISO strings). */
export function liveTimes(live: LiveWait<unknown>): Record<string, number | string> {
  const fields: Record<string, number | string> = {};
  if (live.lastReadAtMs !== undefined)
    Object.assign(fields, { lastReadAtMs: live.lastReadAtMs, lastReadAt: new Date(live.lastReadAtMs).toISOString() });
  if (live.nextReadAtMs !== undefined)
    Object.assign(fields, { nextReadAtMs: live.nextReadAtMs, nextReadAt: new Date(live.nextReadAtMs).toISOString() });
  return fields;
}
