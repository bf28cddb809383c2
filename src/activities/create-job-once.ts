import { ApplicationFailure } from '@temporalio/common';
import { DataFramerError } from '../dataframer';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { postWindows, readRecord, unsettledMs, withPost, type CreateJobRecord } from './create-job-record';
import { whileHeartbeatingDetails, type DetailedHeartbeats } from './heartbeat-details';
import type { CreateWindow } from './own-jobs';
import { isRefusal } from './spec-adoption';

export { MAX_RECORDED_POSTS, type CreateJobRecord, type PostRecord } from './create-job-record';

/** Failure type of a retry that waits for an earlier, unanswered POST to show up before posting again. */
export const CREATE_UNCONFIRMED_TYPE = WORKFLOW_FAILURE_TYPES.CreateUnconfirmed;
/** Failure type of a create whose window holds two or more matching jobs: nothing is adopted. */
export const CREATE_AMBIGUOUS_TYPE = WORKFLOW_FAILURE_TYPES.CreateAmbiguous;

/** How the adopted or created job was found. */
export type CreateJobSource = 'created' | 'heartbeat' | 'list';

/** The create's outcome. */
export interface CreatedJob {
  jobId: string;
  adopted: boolean;
  source: CreateJobSource;
}

/** One create, parameterised by resource. */
export interface CreateJobPlan {
  label: string;
  attempt: number;
  /** The record of the previous attempt, from `info.heartbeatDetails` (anything: validated here). */
  previous: unknown;
  /** When the activity was first scheduled (Temporal's clock): a retry that finds no record looks since then. */
  firstScheduledAtMs: number;
  /** When this attempt was scheduled (Temporal's clock): a retry with no record waits a settle time from then. */
  attemptScheduledAtMs: number;
  /** Set when an earlier run of the workflow chain (a reset, a workflow retry) may have made the job: its start (Temporal's clock). */
  chainStartedAtMs?: number;
  /** How long one attempt may run (its start-to-close): how late a held `mayPostFromMs` may have POSTed. */
  attemptMs: number;
  /** How long an unanswered POST may take to be listed; see `CREATE_JOB_SETTLE_MS`. */
  settleMs: number;
  /** How long a job stored by a POST answered with a 5xx may take to be listed; see `CREATE_JOB_LIST_SETTLE_MS`. */
  listSettleMs: number;
  now(): number;
  /** Matching jobs made inside these windows, oldest first (ids). */
  findOwn(windows: CreateWindow[]): Promise<string[]>;
  /** The POST; answers the new id. */
  post(): Promise<string>;
}

/**
 * Creates a job at most once across activity attempts and workflow resets, for APIs with no
 * idempotency key and no unique name, without ever taking another caller's identical job. The first
 * attempt of a chain's first run POSTs without looking; every later attempt looks only inside the
 * windows its own earlier POSTs could have made a job in (recorded in the heartbeat), and a reset or
 * retried run of the chain also since the chain's start. One match is adopted; two or more are
 * `CreateAmbiguous`; none POSTs again once no earlier POST can still be in flight.
 */
export async function createJobOnce(plan: CreateJobPlan): Promise<CreatedJob> {
  const previous = readRecord(plan.previous, plan.now());
  if (previous?.jobId !== undefined) return { jobId: previous.jobId, adopted: true, source: 'heartbeat' };
  const record: CreateJobRecord = { posts: previous?.posts ?? [] };
  const windows = lookWindows(plan, previous);
  return whileHeartbeatingDetails(record, async (heartbeats) => {
    if (windows.length > 0) {
      heartbeats.hold({ ...record, mayPostFromMs: plan.now() });
      const own = await plan.findOwn(windows);
      if (own.length > 1) throw ambiguous(plan.label, own);
      if (own[0] !== undefined) {
        heartbeats.beat({ ...record, jobId: own[0] });
        return { jobId: own[0], adopted: true, source: 'list' };
      }
      const waitMs = unsettledMs(previous ?? unrecordedPost(plan), plan, plan.now());
      if (waitMs > 0) {
        // Whatever an interval beat carried, this attempt sent no POST: say so (a beat only when one went out).
        if (heartbeats.sent) heartbeats.beat(previous ?? record);
        throw unconfirmed(plan.label, waitMs);
      }
    }
    return postOnce(plan, record, heartbeats);
  });
}

// Beaten before the POST, whatever the rule for slow calls: a create happens once per job, and this
// record is how a retry knows where to look. An attempt's first beat is sent at once; later ones are
// throttled, which is why a retry holds `mayPostFromMs` while it looks.
async function postOnce(
  plan: CreateJobPlan,
  record: CreateJobRecord,
  heartbeats: DetailedHeartbeats<CreateJobRecord>,
): Promise<CreatedJob> {
  const sentAtMs = plan.now();
  const posts = withPost(record.posts, { sentAtMs }, plan.settleMs);
  heartbeats.beat({ posts });
  try {
    const jobId = await plan.post();
    heartbeats.beat({ posts, jobId });
    return { jobId, adopted: false, source: 'created' };
  } catch (err) {
    // A refusal made nothing: its window goes. Any other answer (a 5xx) closes the window at its arrival.
    if (isRefusal(err)) heartbeats.beat(record);
    else if (err instanceof DataFramerError && err.status !== undefined) {
      heartbeats.beat({ posts: withPost(record.posts, { sentAtMs, answeredAtMs: plan.now() }, plan.settleMs) });
    }
    throw err;
  }
}

// No record on a retry: the earlier attempt may have POSTed any time before this one was scheduled,
// and got no answer we know of. A first attempt (or a reset run's) has nothing to wait for.
function unrecordedPost(plan: CreateJobPlan): CreateJobRecord {
  return { posts: plan.attempt > 1 ? [{ sentAtMs: plan.attemptScheduledAtMs }] : [] };
}

function lookWindows(plan: CreateJobPlan, previous: CreateJobRecord | undefined): CreateWindow[] {
  const windows = previous === undefined ? [] : postWindows(previous, plan.settleMs, plan.attemptMs);
  // A retry with no record: its earlier attempt died before its first beat reached the server.
  if (previous === undefined && plan.attempt > 1) {
    windows.push({ fromMs: plan.firstScheduledAtMs, toMs: Infinity, fromTemporalClock: true });
  }
  if (plan.chainStartedAtMs !== undefined) {
    windows.push({ fromMs: plan.chainStartedAtMs, toMs: Infinity, fromTemporalClock: true });
  }
  return windows;
}

function unconfirmed(label: string, waitMs: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: CREATE_UNCONFIRMED_TYPE,
    message: `${label} create sent earlier may have succeeded (no answer, or a 5xx) and is not listed yet; looking again in ${waitMs} ms before posting`,
    nextRetryDelay: waitMs,
  });
}

function ambiguous(label: string, candidates: string[]): ApplicationFailure {
  const kind = label.toLowerCase();
  return ApplicationFailure.create({
    type: CREATE_AMBIGUOUS_TYPE,
    nonRetryable: true,
    message:
      `${candidates.length} ${kind}s match this create and cannot be told apart: ${candidates.join(', ')}. ` +
      `An identical create (another caller's) landed inside the window where this workflow's own create may ` +
      `have succeeded, so none was adopted: one ${kind} must not get two owners. Check in DataFramer which ` +
      `is yours (created_at, created_by_email), cancel any no one owns, and start a new workflow if you still need one.`,
    details: [{ kind, candidates }],
  });
}
