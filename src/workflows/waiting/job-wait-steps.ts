import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  type TimeoutFailure,
} from '@temporalio/workflow';
import type { DataFramerActivities, JobStatusView, JobStillProcessingDetails } from '../../activities';
import {
  AWAIT_JOB_ACTIVITY_OPTIONS,
  GET_JOB_STATUS_ACTIVITY_OPTIONS,
  GET_JOB_STATUS_LOCAL_ACTIVITY_OPTIONS,
} from '../../common/job-activity-policies';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import { pollDelayMs, type ResolvedPollSchedule } from '../../common/poll-schedule';
import type { PollingDesign } from '../types';
import type { JobWaitKind } from './job-kinds';
import { recordJobRead, type JobWaitState } from './job-wait-state';
import { describeFailure, readNumberOf, retryAfterMsOf, transientCause } from './transient-failures';

/** How to wait: the resolved schedule, the design, and when to continue as new. */
export interface JobWaitSettings {
  schedule: ResolvedPollSchedule;
  pollingDesign: PollingDesign;
  continueAsNewAfterReads: number;
}

/** What one waiting step works with; `pollNowRequested` is set by the `pollNow` signal. */
export interface JobWaitContext {
  kind: JobWaitKind;
  state: JobWaitState & { id: string };
  settings: JobWaitSettings;
  signals: { pollNowRequested: boolean };
}

/** One step of waiting: the terminal view, or undefined when the job is not done yet. */
export type JobWaitStep = (context: JobWaitContext) => Promise<JobStatusView | undefined>;

const statusActivities = proxyActivities<DataFramerActivities>(GET_JOB_STATUS_ACTIVITY_OPTIONS);
const statusLocalActivities = proxyLocalActivities<DataFramerActivities>(GET_JOB_STATUS_LOCAL_ACTIVITY_OPTIONS);

// The read after the deadline is still made, so a job that finished just in time is not lost; the
// margin keeps the waiting activity's last retry from being cut off by its own timeout.
const DEADLINE_MARGIN_MS = 2 * 60 * 1000;

/** How long a remembered 429 `Retry-After` still holds reads back, never past the deadline. */
function notBeforeWaitMs(state: JobWaitState): number {
  const left = (state.notBeforeMs ?? 0) - Date.now();
  return left <= 0 ? 0 : Math.min(left, Math.max(0, state.deadlineAtMs - Date.now()));
}

/** The next wait: the schedule's, never before a remembered 429 not-before, cut at the deadline. */
function nextWaitMs({ state, settings, signals }: JobWaitContext): number {
  const notBefore = notBeforeWaitMs(state);
  if (signals.pollNowRequested) return notBefore;
  const scheduled = Math.max(pollDelayMs(settings.schedule, state.reads + 1, Math.random()), notBefore);
  return Math.max(0, Math.min(scheduled, state.deadlineAtMs - Date.now()));
}

/** Records a transient failure: its text, the reads it made, and a 429's wait as a not-before time. */
function recordTransient(state: JobWaitState, failure: ApplicationFailure | TimeoutFailure, err?: unknown): void {
  state.lastTransientError = describeFailure(failure);
  const readNumber = readNumberOf(err ?? failure);
  if (readNumber !== undefined) state.reads = Math.max(state.reads, readNumber);
  const retryAfterMs = retryAfterMsOf(failure);
  if (retryAfterMs !== undefined) state.notBeforeMs = Math.max(state.notBeforeMs ?? 0, Date.now() + retryAfterMs);
}

function timerThenRead(activities: typeof statusActivities): JobWaitStep {
  return async (context) => {
    const { kind, state, signals } = context;
    const waitMs = nextWaitMs(context);
    state.nextReadAtMs = Date.now() + waitMs;
    if (waitMs > 0) await condition(() => signals.pollNowRequested, waitMs);
    signals.pollNowRequested = false;
    // A pollNow that cut the wait short still does not read before a 429's Retry-After.
    const holdMs = notBeforeWaitMs(state);
    if (holdMs > 0) await sleep(holdMs);
    try {
      const view = await kind.read(activities, state.id, { createdAtMs: state.createdAtMs });
      recordJobRead(state, view);
      return view.terminal ? view : undefined;
    } catch (err) {
      const cause = transientCause(err);
      if (cause === undefined) throw err;
      recordTransient(state, cause);
      return undefined;
    }
  };
}

class PollNowFoundTerminal extends Error {
  constructor(readonly view: JobStatusView) {
    super('pollNow read found the job terminal');
  }
}

/** A read made at once on `pollNow` while the waiting activity sleeps between its retries. */
async function readOnPollNow(context: JobWaitContext, waiting: CancellationScope): Promise<never> {
  const { kind, state, signals } = context;
  for (;;) {
    await condition(() => signals.pollNowRequested);
    signals.pollNowRequested = false;
    const holdMs = notBeforeWaitMs(state);
    if (holdMs > 0) await sleep(holdMs);
    let view: JobStatusView;
    try {
      view = await kind.read(statusActivities, state.id, { createdAtMs: state.createdAtMs });
    } catch (err) {
      const cause = transientCause(err);
      if (cause === undefined) throw err;
      recordTransient(state, cause);
      continue;
    }
    recordJobRead(state, view);
    if (view.terminal) {
      waiting.cancel();
      throw new PollNowFoundTerminal(view);
    }
  }
}

function stillProcessingDetails(err: unknown): JobStillProcessingDetails | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== WORKFLOW_FAILURE_TYPES.JobStillProcessing)
    return undefined;
  return cause.details?.[0] as JobStillProcessingDetails | undefined;
}

async function activityRetryStep(context: JobWaitContext): Promise<JobStatusView | undefined> {
  const { kind, state, settings, signals } = context;
  const firstWaitMs = nextWaitMs(context);
  signals.pollNowRequested = false;
  state.nextReadAtMs = Date.now() + firstWaitMs;
  const { awaitJobStatus } = proxyActivities<DataFramerActivities>({
    ...AWAIT_JOB_ACTIVITY_OPTIONS,
    scheduleToCloseTimeout: Math.max(0, state.deadlineAtMs - Date.now()) + firstWaitMs + DEADLINE_MARGIN_MS,
  });
  const input = { kind: kind.kind, id: state.id, schedule: settings.schedule, readsBefore: state.reads, firstWaitMs };
  const waiting = new CancellationScope();
  const pollNowReader = new CancellationScope();
  try {
    const awaited = await Promise.race([
      waiting.run(() => awaitJobStatus(input, { createdAtMs: state.createdAtMs })),
      pollNowReader.run(() => readOnPollNow(context, waiting)),
    ]);
    recordJobRead(state, awaited, awaited.readNumber);
    return awaited;
  } catch (err) {
    if (err instanceof PollNowFoundTerminal) return err.view;
    if (isCancellation(err)) throw err; // the workflow itself is being cancelled
    const details = stillProcessingDetails(err);
    if (details !== undefined) {
      if (details.view !== undefined) recordJobRead(state, details.view, details.readNumber);
      return undefined;
    }
    const cause = transientCause(err);
    if (cause === undefined) throw err;
    recordTransient(state, cause, err);
    return undefined;
  } finally {
    pollNowReader.cancel();
    waiting.cancel();
  }
}

/** The waiting step of each polling design, for any job kind. */
export const JOB_WAIT_STEPS: Record<PollingDesign, JobWaitStep> = {
  'activity-retry': activityRetryStep,
  'timer-activity': timerThenRead(statusActivities),
  'timer-local-activity': timerThenRead(statusLocalActivities),
};
