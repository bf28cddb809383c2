import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  sleep,
  type TimeoutFailure,
} from '@temporalio/workflow';
import { pollDelayMs } from '../../common/poll-schedule';
import type { PollingDesign } from '../types';
import type { WaitContext, WaitState, WaitView } from './wait-kind';
import { recordRead } from './wait-state';
import { describeFailure, readNumberOf, retryAfterMsOf, transientCause } from './transient-failures';

/** One step of waiting: the terminal view, or undefined when the job is not done yet. */
export type WaitStep = <View extends WaitView, State extends WaitState>(
  context: WaitContext<View, State>,
) => Promise<View | undefined>;

type AnyContext = WaitContext<WaitView, WaitState>;

// The read after the deadline is still made, so a job that finished just in time is not lost; the
// margin keeps the waiting activity's last retry from being cut off by its own timeout.
const DEADLINE_MARGIN_MS = 2 * 60 * 1000;

/** How long a remembered 429 `Retry-After` still holds reads back, never past the deadline. */
function notBeforeWaitMs({ kind, state }: AnyContext): number {
  const left = (state.notBeforeMs ?? 0) - Date.now();
  // The kind's gate is asked only when a Retry-After still holds (a spec's is a patch marker).
  if (left <= 0 || !kind.holdsForRetryAfter()) return 0;
  return Math.min(left, Math.max(0, state.deadlineAtMs - Date.now()));
}

/** The next wait: the schedule's, never before a remembered 429 not-before, cut at the deadline. */
function nextWaitMs(context: AnyContext): number {
  const { state, settings, signals } = context;
  const notBefore = notBeforeWaitMs(context);
  if (signals.pollNowRequested) return notBefore;
  const scheduled = Math.max(pollDelayMs(settings.schedule, state.reads + 1, Math.random()), notBefore);
  return Math.max(0, Math.min(scheduled, state.deadlineAtMs - Date.now()));
}

/** Records a transient failure: its text, the reads it made, and a 429's wait as a not-before time. */
function recordTransient(state: WaitState, failure: ApplicationFailure | TimeoutFailure, err?: unknown): void {
  state.lastTransientError = describeFailure(failure);
  const readNumber = readNumberOf(err ?? failure);
  if (readNumber !== undefined) state.reads = Math.max(state.reads, readNumber);
  const retryAfterMs = retryAfterMsOf(failure);
  if (retryAfterMs !== undefined) state.notBeforeMs = Math.max(state.notBeforeMs ?? 0, Date.now() + retryAfterMs);
}

/** Waits for a pollNow that cut the wait short to respect a 429's Retry-After all the same. */
async function holdForRetryAfter(context: AnyContext): Promise<void> {
  const holdMs = notBeforeWaitMs(context);
  if (holdMs > 0) await sleep(holdMs);
}

function timerThenRead(local: boolean): WaitStep {
  return async <View extends WaitView, State extends WaitState>(context: WaitContext<View, State>) => {
    const { kind, id, state, signals } = context;
    const waitMs = nextWaitMs(context);
    state.nextReadAtMs = Date.now() + waitMs;
    if (waitMs > 0) await condition(() => signals.pollNowRequested, waitMs);
    signals.pollNowRequested = false;
    await holdForRetryAfter(context);
    try {
      const readContext = { createdAtMs: state.createdAtMs };
      const view = await (local ? kind.readLocally(id, readContext) : kind.read(id, readContext));
      recordRead(context, view);
      return view.terminal ? view : undefined;
    } catch (err) {
      const cause = transientCause(err);
      if (cause === undefined) throw err;
      recordTransient(state, cause);
      return undefined;
    }
  };
}

class PollNowFoundTerminal<View> extends Error {
  constructor(readonly view: View) {
    super('pollNow read found the job terminal');
  }
}

/** A read made at once on `pollNow` while the waiting activity sleeps between its retries. */
async function readOnPollNow<View extends WaitView, State extends WaitState>(
  context: WaitContext<View, State>,
  waiting: CancellationScope,
): Promise<never> {
  const { kind, id, state, signals } = context;
  for (;;) {
    await condition(() => signals.pollNowRequested);
    signals.pollNowRequested = false;
    await holdForRetryAfter(context);
    let view: View;
    try {
      view = await kind.read(id, { createdAtMs: state.createdAtMs });
    } catch (err) {
      const cause = transientCause(err);
      if (cause === undefined) throw err;
      recordTransient(state, cause);
      continue;
    }
    recordRead(context, view);
    if (view.terminal) {
      waiting.cancel();
      throw new PollNowFoundTerminal(view);
    }
  }
}

/** The details of the kind's "still processing" failure: the read it made, and its view if any. */
function stillProcessingDetails<View>(
  err: unknown,
  stillProcessingType: string,
): { readNumber: number; view?: View } | undefined {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (!(cause instanceof ApplicationFailure) || cause.type !== stillProcessingType) return undefined;
  return cause.details?.[0] as { readNumber: number; view?: View } | undefined;
}

async function activityRetryStep<View extends WaitView, State extends WaitState>(
  context: WaitContext<View, State>,
): Promise<View | undefined> {
  const { kind, id, state, settings, signals } = context;
  const firstWaitMs = nextWaitMs(context);
  signals.pollNowRequested = false;
  state.nextReadAtMs = Date.now() + firstWaitMs;
  const scheduleToCloseMs = Math.max(0, state.deadlineAtMs - Date.now()) + firstWaitMs + DEADLINE_MARGIN_MS;
  const position = { id, schedule: settings.schedule, readsBefore: state.reads, firstWaitMs };
  const waiting = new CancellationScope();
  const pollNowReader = new CancellationScope();
  try {
    const awaited = await Promise.race([
      waiting.run(() => kind.awaitTerminal(position, { createdAtMs: state.createdAtMs }, scheduleToCloseMs)),
      pollNowReader.run(() => readOnPollNow(context, waiting)),
    ]);
    recordRead(context, awaited, awaited.readNumber);
    return awaited;
  } catch (err) {
    if (err instanceof PollNowFoundTerminal) return err.view as View;
    if (isCancellation(err)) throw err; // the workflow itself is being cancelled
    const details = stillProcessingDetails<View>(err, kind.stillProcessingType);
    if (details !== undefined) {
      if (details.view !== undefined) recordRead(context, details.view, details.readNumber);
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

/** The waiting step of each polling design, for any kind of job. */
export const WAIT_STEPS: Record<PollingDesign, WaitStep> = {
  'activity-retry': activityRetryStep,
  'timer-activity': timerThenRead(false),
  'timer-local-activity': timerThenRead(true),
};
