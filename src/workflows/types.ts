import type { CreateSpecRequest } from '../dataframer/create-spec-request';
import type { Duration } from '../common/durations';
import type { PollSchedule } from '../common/poll-schedule';
import type { SpecStatusView, FinalSpec } from '../activities/spec-status-view';
import type { SpecContentOmitted } from '../common/payload-limits';
import type { WaitPhase, WaitState } from './waiting/wait-kind';
import type { IsoTimes } from './waiting/wait-state';

export type { CreateSpecRequest, PollSchedule, SpecStatusView, FinalSpec, SpecContentOmitted };

/**
 * How the workflow waits between status reads. Measured on real histories (see docs/performance.md):
 * - `'activity-retry'` (default): one activity reads the status and fails with `SpecStillProcessing`
 *   while the spec is processing; Temporal retries it server-side after the schedule's next wait,
 *   and retries write no history events;
 * - `'timer-activity'`: a durable timer, then a status-read activity;
 * - `'timer-local-activity'`: a durable timer, then a local activity (bypasses the task queue's
 *   rate limit).
 */
export type PollingDesign = 'activity-retry' | 'timer-activity' | 'timer-local-activity';

/** What to do with the spec when the workflow is cancelled. */
export type OnCancel = 'abandon' | 'delete';

/** What to do when a same-scope spec of the same name already exists. */
export type IfNameExists = 'fail' | 'adopt';

/** Input of {@link createSpecWorkflow}. */
export interface CreateSpecWorkflowInput {
  /** The create request, in DataFramer's own field names. Carries no secret. */
  request: CreateSpecRequest;
  /** When to read the status. @default DEFAULT_POLL_SCHEDULE */
  poll?: PollSchedule;
  /** Give up (failing with `SpecDeadlineExceeded`) this long after the workflow started. @default '24 hours' */
  deadline?: Duration;
  /** `'abandon'` leaves the spec to finish on DataFramer; `'delete'` deletes it. @default 'abandon' */
  onCancel?: OnCancel;
  /**
   * A same-scope spec of the same name that this workflow did not create: `'fail'` fails with
   * `SpecNameConflictError`; `'adopt'` adopts that spec and waits for it. @default 'fail'
   */
  ifNameExists?: IfNameExists;
  /**
   * Set by a caller whose own earlier execution may have made this spec (a pipeline after a reset, a
   * batch item after its earlier child's create went unanswered): a same-scope, same-name spec that
   * matches the request and that DataFramer made at or after this time (epoch ms) is adopted as this
   * workflow's own. The pipeline and batch items set it; you rarely need to. @default none
   */
  callerMayHaveCreatedSinceMs?: number;
  /** @default 'activity-retry' */
  pollingDesign?: PollingDesign;
  /** Continue as new after this many status reads in one run (the server's suggestion also counts). @default 2000 */
  continueAsNewAfterReads?: number;
  /**
   * Give up creating the spec after this many failed attempts (the last error fails the workflow).
   * By default creates are retried, at most a minute apart, until the deadline: an outage of any
   * length loses nothing. `10` fails after about 5 minutes of errors. @default unlimited
   */
  createMaximumAttempts?: number;
  /** Carried across continue-as-new; never set it yourself. */
  state?: CreateSpecState;
}

/** Result of {@link createSpecWorkflow}. */
export interface CreateSpecWorkflowResult {
  specId: string;
  name: string;
  status: 'SUCCEEDED';
  /**
   * The final spec: `content_yaml`, or the data-plane reason and location when the YAML stays in your
   * cloud, or `content_yaml: null` with `contentOmitted` when it was too large for workflow history.
   */
  spec: FinalSpec;
  /** Set when the YAML (over `MAX_SPEC_YAML_IN_HISTORY_BYTES`) was left out: its size and how to get it (`getSpecContent`). */
  contentOmitted?: SpecContentOmitted;
  /** Status reads made over the whole workflow. */
  polls: number;
}

/** Phase of the workflow, as the progress query reports it. */
export type CreateSpecPhase = WaitPhase;

/**
 * The workflow's whole state: what continue-as-new carries and what the progress query returns.
 * Its shape is a contract with every run in flight (0.1.0's continue-as-new inputs carry it).
 */
export interface CreateSpecState extends WaitState {
  name: string;
  specId?: string;
  /** True when the spec was found already made by an earlier attempt of this workflow's create. */
  adopted?: boolean;
  /**
   * The last transient failure seen while polling (type and message), cleared by a good read. While
   * creating, `getSpecProgress` fills it from the pending create's last failure.
   */
  lastTransientError?: string;
  /** Runs so far (1 + continue-as-new count). */
  runs: number;
}

/** Answer of the `getProgress` query: the state, with times as ISO strings for people. */
export interface CreateSpecProgress extends CreateSpecState, IsoTimes {
  /** While creating: attempts of the create so far (from `getSpecProgress`, while it is retried). */
  createAttempts?: number;
}
