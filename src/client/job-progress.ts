import type { WorkflowHandle } from '@temporalio/client';
import type { JobStillProcessingDetails } from '../activities/await-job';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { getJobProgressQuery } from '../workflows/job-definitions';
import type { JobProgress, JobWorkflowProgress } from '../workflows/job-types';
import { liveTimes, liveWait, type PendingActivity } from './pending-activity';

/** The waiting activity of runs and evaluations (default polling design). */
const WAITING_ACTIVITY = 'awaitJobStatus';

/**
 * A run or evaluation's progress brought up to date with its pending waiting activity: reads, last and
 * next read, the last transient error, and the last read's status and view fields (`samplesCompleted`,
 * `totalCost`, ...), which the workflow itself learns only when the waiting activity ends.
 */
export function withPendingJobActivity<Progress extends JobProgress>(
  progress: Progress,
  pending: readonly PendingActivity[],
): Progress {
  if (progress.phase !== 'waiting') return progress;
  const live = liveWait<JobStillProcessingDetails>(
    pending,
    WAITING_ACTIVITY,
    WORKFLOW_FAILURE_TYPES.JobStillProcessing,
  );
  if (live === undefined) return progress;
  const updated: Progress = { ...progress, reads: progress.reads + live.readsInActivity, ...liveTimes(live) };
  if (live.lastError !== undefined) updated.lastTransientError = live.lastError;
  const view = live.stillRunning?.view;
  if (view !== undefined) {
    updated.lastStatus = view.rawStatus ?? view.status;
    updated.progress = { ...progress.progress, ...view.progress };
  }
  return updated;
}

/**
 * Where a run or evaluation workflow stands right now: its `getProgress` query completed by the
 * server's view of the pending waiting activity (see {@link withPendingJobActivity}).
 */
export async function getJobProgress(handle: WorkflowHandle): Promise<JobWorkflowProgress> {
  const [progress, description] = await Promise.all([handle.query(getJobProgressQuery), handle.describe()]);
  return withPendingJobActivity(progress, description.raw.pendingActivities ?? []);
}
