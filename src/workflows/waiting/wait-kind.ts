import type { ApplicationFailure } from '@temporalio/workflow';
import type { ResolvedPollSchedule } from '../../common/poll-schedule';
import type { PollingDesign } from '../types';

// The generic waiting machinery's contract: what it needs of a status view, of a workflow's state,
// and of one kind of DataFramer job (spec, run, evaluation). A kind is a short object of this shape
// (see spec-kind.ts, job-kinds.ts); the designs, the schedule, pollNow, a 429's not-before and the
// deadline live once, in wait-steps.ts and wait-loop.ts.

/** What the machinery reads of a status view: the status, and whether it ends the job. */
export interface WaitView {
  status: string;
  /** The value DataFramer sent (recorded as `lastStatus`). */
  rawStatus: string | null;
  terminal: boolean;
}

/** Phase of one job as a progress query reports it. */
export type WaitPhase = 'creating' | 'waiting' | 'succeeded' | 'failed' | 'cancelled';

/** The fields of a workflow's state the machinery reads and writes (each workflow's state has more). */
export interface WaitState {
  phase: WaitPhase;
  /** Status reads so far, over every run of the workflow. */
  reads: number;
  /** Epoch milliseconds. */
  startedAtMs: number;
  deadlineAtMs: number;
  /** When the create returned, for the 404 grace period of the first reads. */
  createdAtMs?: number;
  /** Last status read (DataFramer's own value). */
  lastStatus?: string;
  lastReadAtMs?: number;
  nextReadAtMs?: number;
  /** A 429's `Retry-After`, remembered: no read starts before this instant. */
  notBeforeMs?: number;
  /** The last transient failure seen while polling (type and message), cleared by a good read. */
  lastTransientError?: string;
}

/** How to wait: the resolved schedule, the design, and when to continue as new. */
export interface WaitSettings {
  schedule: ResolvedPollSchedule;
  pollingDesign: PollingDesign;
  continueAsNewAfterReads: number;
}

/** Where the waiting activity starts: the job, the schedule, the reads before it and its first wait. */
export interface WaitPosition {
  id: string;
  schedule: ResolvedPollSchedule;
  readsBefore: number;
  firstWaitMs: number;
}

/** What a status read is told besides the id. */
export interface ReadContext {
  createdAtMs?: number;
}

/** A terminal view found by the waiting activity, and which read found it. */
export type AwaitedView<View> = View & { readNumber: number };

/** Everything the machinery needs of one kind of job. */
export interface WaitKind<View extends WaitView, State extends WaitState> {
  /** One status read as an activity (design `timer-activity`, and `pollNow` reads). */
  read(id: string, context: ReadContext): Promise<View>;
  /** One status read as a local activity (design `timer-local-activity`). */
  readLocally(id: string, context: ReadContext): Promise<View>;
  /** The waiting activity (design `activity-retry`), bounded by `scheduleToCloseMs`. */
  awaitTerminal(position: WaitPosition, context: ReadContext, scheduleToCloseMs: number): Promise<AwaitedView<View>>;
  /** Failure type of a waiting activity that ended with the job still running. */
  stillProcessingType: string;
  /** Whether a remembered `Retry-After` holds reads back (a kind may gate it behind a patch). */
  holdsForRetryAfter(): boolean;
  /** Bookkeeping of a read beyond the common fields (a job's progress fields). */
  recordView?(state: State, view: View): void;
  /** The failure when the deadline passes. */
  deadlineExceeded(state: State): ApplicationFailure;
}

/** What one waiting step works with; `pollNowRequested` is set by the `pollNow` signal. */
export interface WaitContext<View extends WaitView, State extends WaitState> {
  kind: WaitKind<View, State>;
  /** The job's id (the create has returned). */
  id: string;
  state: State;
  settings: WaitSettings;
  signals: { pollNowRequested: boolean };
}
