// Where one spec workflow stands: its progress query, plus the server's view of its pending activity,
// which is where Temporal's retries show (the workflow only learns of an activity's attempts when the
// activity ends).
import type { Client, WorkflowHandle } from '@temporalio/client';
import { withPendingActivities, type PendingActivity } from '../client/spec-progress';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { getProgressQuery, type createSpecWorkflow, type CreateSpecProgress } from '../workflows';
import { describeFailure, type SpecOutcome } from './demo-report';
import type { SpecProgressRow } from './progress-display';

/** Deadline of the query that reads a failed workflow's final state. */
const FINAL_QUERY_TIMEOUT_MS = 2_000;

/** One spec the demo started and watches. */
export interface WatchedSpec {
  name: string;
  handle: WorkflowHandle<typeof createSpecWorkflow>;
  startedAtMs: number;
  /** What the display shows; updated by {@link refreshProgress} until `settled`. */
  row: SpecProgressRow;
  /** Failed attempts already counted in `row.retries`, as `activityId#attempt`. */
  countedFailures: Set<string>;
  /** True once {@link settleSpec} recorded how it ended. */
  settled: boolean;
  outcome?: SpecOutcome;
  /** Resolves (never rejects) once the workflow's result or failure is in and recorded. */
  done: Promise<void>;
}

/** Records how a spec ended, once: later calls (a result arriving after the demo gave up) are ignored. */
export function settleSpec(spec: WatchedSpec, outcome: Omit<SpecOutcome, 'name' | 'workflowId' | 'elapsedMs'>): void {
  if (spec.settled) return;
  spec.settled = true;
  spec.row.elapsedMs = Date.now() - spec.startedAtMs;
  spec.row.phase = outcome.status.toLowerCase();
  if (outcome.specId !== undefined) spec.row.specId = outcome.specId;
  spec.row.reads = outcome.reads;
  const { name, row } = spec;
  spec.outcome = { name, workflowId: spec.handle.workflowId, elapsedMs: row.elapsedMs, ...outcome };
}

// A failed workflow's last reads reached its state but not the row: ask once more (its worker still runs).
async function readFinalProgress(spec: WatchedSpec): Promise<void> {
  try {
    const deadline = Date.now() + FINAL_QUERY_TIMEOUT_MS;
    const progress = await spec.handle.client.withDeadline(deadline, () => spec.handle.query(getProgressQuery));
    spec.row.reads = Math.max(spec.row.reads, progress.reads);
    if (progress.specId !== undefined) spec.row.specId = progress.specId;
  } catch {
    // The row keeps what the display last saw.
  }
}

/** Starts watching a spec just started: its row, and its result recorded when it comes. */
export function watchSpec(name: string, handle: WatchedSpec['handle'], startedAtMs: number): WatchedSpec {
  const spec: WatchedSpec = {
    name,
    handle,
    startedAtMs,
    row: { name, phase: 'starting', reads: 0, retries: 0, elapsedMs: 0 },
    countedFailures: new Set(),
    settled: false,
    done: Promise.resolve(),
  };
  spec.done = handle.result().then(
    (result) => {
      spec.row.lastStatus = result.status;
      settleSpec(spec, { status: 'SUCCEEDED', specId: result.specId, reads: result.polls, result });
    },
    async (err: unknown) => {
      const { status, type, message } = describeFailure(err);
      if (status === 'FAILED') await readFinalProgress(spec);
      const specId = spec.row.specId;
      settleSpec(spec, { status, reads: spec.row.reads, failure: { type, message }, ...(specId ? { specId } : {}) });
    },
  );
  return spec;
}

const isStillProcessing = (activity: PendingActivity) =>
  activity.lastFailure?.applicationFailureInfo?.type === WORKFLOW_FAILURE_TYPES.SpecStillProcessing;

function countRetries(spec: WatchedSpec, pending: readonly PendingActivity[]): void {
  for (const activity of pending) {
    const failure = activity.lastFailure;
    if (failure === null || failure === undefined || isStillProcessing(activity)) continue;
    const key = `${activity.activityId ?? ''}#${activity.attempt ?? 0}`;
    if (spec.countedFailures.has(key)) continue;
    spec.countedFailures.add(key);
    spec.row.retries += 1;
    const type = failure.applicationFailureInfo?.type ?? (failure.timeoutFailureInfo ? 'Timeout' : 'Error');
    spec.row.lastTransientError = `${type} in ${activity.activityType?.name ?? 'an activity'}`;
  }
}

function applyProgress(spec: WatchedSpec, progress: CreateSpecProgress | undefined, pending: PendingActivity[]): void {
  const { row } = spec;
  if (progress !== undefined) {
    row.phase = progress.phase;
    if (progress.specId !== undefined) row.specId = progress.specId;
    if (progress.lastStatus !== undefined) row.lastStatus = progress.lastStatus;
  }
  if (row.lastStatus === undefined && pending.some(isStillProcessing)) row.lastStatus = 'PROCESSING';
  if (progress !== undefined) row.reads = Math.max(row.reads, withPendingActivities(progress, pending).reads);
  countRetries(spec, pending);
}

/**
 * Asks the workflow (query) and the server (describe) where the spec stands and updates its row.
 * A call that fails or takes longer than `timeoutMs` leaves the row as it was: the next tick asks again.
 */
export async function refreshProgress(spec: WatchedSpec, client: Client, timeoutMs: number): Promise<void> {
  if (spec.settled) return;
  const deadline = Date.now() + timeoutMs;
  const [progress, description] = await Promise.allSettled([
    client.withDeadline(deadline, () => spec.handle.query(getProgressQuery)),
    client.withDeadline(deadline, () => spec.handle.describe()),
  ]);
  if (spec.settled) return; // the result came in meanwhile: its row is final
  spec.row.elapsedMs = Date.now() - spec.startedAtMs;
  const pending = description.status === 'fulfilled' ? (description.value.raw.pendingActivities ?? []) : [];
  applyProgress(spec, progress.status === 'fulfilled' ? progress.value : undefined, pending);
}
