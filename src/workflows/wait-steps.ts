import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  TimeoutFailure,
} from '@temporalio/workflow';
import type { DataFramerActivities, SpecStatusView, StillProcessingDetails } from '../activities';
import {
  AWAIT_SPEC_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_ACTIVITY_OPTIONS,
  GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS,
} from '../common/activity-policies';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { pollDelayMs } from '../common/poll-schedule';
import { recordRead } from './create-spec-state';
import { RETRY_AFTER_REMEMBERED_PATCH } from './patches';
import { describeFailure, transientCause } from './waiting/transient-failures';
import type { WorkflowSettings } from './input-validation';
import type { CreateSpecState, PollingDesign } from './types';

/** What one waiting step works with; `pollNowRequested` is set by the `pollNow` signal. */
export interface WaitContext {
  state: CreateSpecState & { specId: string };
  settings: WorkflowSettings;
  signals: { pollNowRequested: boolean };
}

/** One step of waiting: resolves to the terminal view, or to undefined when the spec is not done yet. */
export type WaitStep = (context: WaitContext) => Promise<SpecStatusView | undefined>;

const statusActivities = proxyActivities<DataFramerActivities>(GET_SPEC_STATUS_ACTIVITY_OPTIONS);
const statusLocalActivities = proxyLocalActivities<DataFramerActivities>(GET_SPEC_STATUS_LOCAL_ACTIVITY_OPTIONS);

// The read after the deadline is still made, so a spec that finished just in time is not lost; the
// extra margin keeps the last retry of the waiting activity from being cut off by its own timeout.
const DEADLINE_MARGIN_MS = 2 * 60 * 1000;

/** How long a 429's `Retry-After` still holds reads back (0 when it has passed, or on 0.1.x histories). */
function notBeforeWaitMs(state: CreateSpecState): number {
  const left = (state.notBeforeMs ?? 0) - Date.now();
  if (left <= 0 || !patched(RETRY_AFTER_REMEMBERED_PATCH)) return 0;
  return Math.min(left, Math.max(0, state.deadlineAtMs - Date.now()));
}

function nextWaitMs({ state, settings, signals }: WaitContext): number {
  const notBefore = notBeforeWaitMs(state);
  if (signals.pollNowRequested) return notBefore;
  const scheduled = Math.max(pollDelayMs(settings.schedule, state.reads + 1, Math.random()), notBefore);
  return Math.max(0, Math.min(scheduled, state.deadlineAtMs - Date.now()));
}

/** Remembers the wait a failed read's 429 asked for (in its details: a workflow cannot read `nextRetryDelay`). */
function rememberRetryAfter(state: CreateSpecState, failure: ApplicationFailure | TimeoutFailure): void {
  const last = failure instanceof TimeoutFailure ? failure.cause : failure;
  const details = last instanceof ApplicationFailure ? (last.details?.[0] as { retryAfterMs?: unknown }) : undefined;
  if (typeof details?.retryAfterMs === 'number' && details.retryAfterMs > 0)
    state.notBeforeMs = Math.max(state.notBeforeMs ?? 0, Date.now() + details.retryAfterMs);
}

/** Failure bookkeeping of a read the workflow saw fail for a reason a later read may not repeat. */
function recordTransient(state: CreateSpecState, cause: ApplicationFailure | TimeoutFailure): void {
  state.lastTransientError = describeFailure(cause);
  rememberRetryAfter(state, cause);
}

function timerThenRead(read: (context: WaitContext) => Promise<SpecStatusView>): WaitStep {
  return async (context) => {
    const { state, signals } = context;
    const waitMs = nextWaitMs(context);
    state.nextReadAtMs = Date.now() + waitMs;
    if (waitMs > 0) await condition(() => signals.pollNowRequested, waitMs);
    signals.pollNowRequested = false;
    // A pollNow that cut the wait short still does not read before a 429's Retry-After.
    const holdMs = notBeforeWaitMs(state);
    if (holdMs > 0) await sleep(holdMs);
    try {
      const view = await read(context);
      recordRead(state, view);
      return view.terminal ? view : undefined;
    } catch (err) {
      const cause = transientCause(err);
      if (cause === undefined) throw err;
      recordTransient(state, cause);
      return undefined;
    }
  };
}

const timerActivityStep = timerThenRead(({ state }) =>
  statusActivities.getSpecStatus(state.specId, { createdAtMs: state.createdAtMs }),
);

const timerLocalActivityStep = timerThenRead(({ state }) =>
  statusLocalActivities.getSpecStatus(state.specId, { createdAtMs: state.createdAtMs }),
);

function stillProcessingDetails(err: unknown): StillProcessingDetails | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== WORKFLOW_FAILURE_TYPES.SpecStillProcessing)
    return undefined;
  return cause.details?.[0] as StillProcessingDetails | undefined;
}

function readNumberIn(err: unknown): number | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  const details =
    cause instanceof ApplicationFailure ? (cause.details?.[0] as { readNumber?: unknown } | undefined) : undefined;
  return typeof details?.readNumber === 'number' ? details.readNumber : undefined;
}

/** A read made at once on `pollNow` while the waiting activity sleeps between its retries. */
async function readOnPollNow(context: WaitContext, waiting: CancellationScope): Promise<never> {
  const { state, signals } = context;
  for (;;) {
    await condition(() => signals.pollNowRequested);
    signals.pollNowRequested = false;
    const holdMs = notBeforeWaitMs(state);
    if (holdMs > 0) await sleep(holdMs);
    let view: SpecStatusView;
    try {
      view = await statusActivities.getSpecStatus(state.specId, { createdAtMs: state.createdAtMs });
    } catch (err) {
      const cause = transientCause(err);
      if (cause === undefined) throw err;
      recordTransient(state, cause);
      continue;
    }
    recordRead(state, view);
    if (view.terminal) {
      waiting.cancel();
      throw new PollNowFoundTerminal(view);
    }
  }
}

class PollNowFoundTerminal extends Error {
  constructor(readonly view: SpecStatusView) {
    super('pollNow read found the spec terminal');
  }
}

async function activityRetryStep(context: WaitContext): Promise<SpecStatusView | undefined> {
  const { state, settings, signals } = context;
  const firstWaitMs = nextWaitMs(context);
  signals.pollNowRequested = false;
  state.nextReadAtMs = Date.now() + firstWaitMs;
  const activities = proxyActivities<DataFramerActivities>({
    ...AWAIT_SPEC_ACTIVITY_OPTIONS,
    scheduleToCloseTimeout: Math.max(0, state.deadlineAtMs - Date.now()) + firstWaitMs + DEADLINE_MARGIN_MS,
  });
  const input = { specId: state.specId, schedule: settings.schedule, readsBefore: state.reads, firstWaitMs };
  const waiting = new CancellationScope();
  const pollNowReader = new CancellationScope();
  try {
    const awaited = await Promise.race([
      waiting.run(() => activities.awaitSpecStatus(input, { createdAtMs: state.createdAtMs })),
      pollNowReader.run(() => readOnPollNow(context, waiting)),
    ]);
    recordRead(state, awaited, awaited.readNumber);
    return awaited;
  } catch (err) {
    if (err instanceof PollNowFoundTerminal) return err.view;
    if (isCancellation(err)) throw err; // the workflow itself is being cancelled
    const details = stillProcessingDetails(err);
    if (details !== undefined) {
      if (details.view !== undefined) recordRead(state, details.view, details.readNumber);
      return undefined;
    }
    const cause = transientCause(err);
    if (cause === undefined) throw err;
    state.reads = Math.max(state.reads, readNumberIn(err) ?? state.reads);
    recordTransient(state, cause);
    return undefined;
  } finally {
    pollNowReader.cancel();
    waiting.cancel();
  }
}

/** The waiting step of each polling design. */
export const WAIT_STEPS: Record<PollingDesign, WaitStep> = {
  'activity-retry': activityRetryStep,
  'timer-activity': timerActivityStep,
  'timer-local-activity': timerLocalActivityStep,
};
