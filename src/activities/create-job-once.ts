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
  /** When the activity was first scheduled (Temporal's clock): after an attempt that died silently, look since then. */
  firstScheduledAtMs: number;
  /** Set when an earlier run of the workflow chain (a reset, a workflow retry) may have made the job: its start (Temporal's clock). */
  chainStartedAtMs?: number;
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
  const previous = readRecord(plan.previous, plan.attempt, plan.now());
  if (previous?.jobId !== undefined) return { jobId: previous.jobId, adopted: true, source: 'heartbeat' };
  const record = recordOf(plan, previous);
  const windows = lookWindows(plan, record);
  // While it looks, a slow attempt's interval beats say it has not reported yet: should it die, the
  // next attempt treats it as silent (it may have POSTed) rather than as one that did nothing.
  return whileHeartbeatingDetails({ ...record, attempt: plan.attempt - 1 }, async (heartbeats) => {
    if (windows.length > 0) {
      const own = await plan.findOwn(windows).catch((err: unknown) => {
        // This attempt sent no POST: say so, or the next one would think it died silently.
        heartbeats.beat(record);
        throw err;
      });
      if (own.length > 1) throw ambiguous(plan.label, own);
      if (own[0] !== undefined) {
        heartbeats.beat({ ...record, jobId: own[0] });
        return { jobId: own[0], adopted: true, source: 'list' };
      }
      const waitMs = unsettledMs(record, plan, plan.now());
      if (waitMs > 0) {
        heartbeats.beat({ ...record, waited: true });
        throw unconfirmed(plan.label, waitMs);
      }
    }
    return postOnce(plan, record, heartbeats);
  });
}

/**
 * This attempt's record: the previous one's POSTs (settled if it waited for them), plus, when an
 * attempt between died without a beat, a POST it may have sent before now.
 */
function recordOf(plan: CreateJobPlan, previous: CreateJobRecord | undefined): CreateJobRecord {
  const silent = plan.attempt > 1 && (previous === undefined || previous.attempt < plan.attempt - 1);
  const waited = previous?.waited === true && !silent;
  let posts = (previous?.posts ?? []).map((post) => (waited ? { ...post, settled: true as const } : post));
  if (silent) posts = withPost(posts, { sentAtMs: plan.now() }, plan.settleMs);
  const unrecorded = silent || previous?.unrecorded === true;
  return { attempt: plan.attempt, posts, ...(unrecorded && { unrecorded: true }) };
}

// A fast create that succeeds beats nothing: its result carries the id. The POST is held in the
// record, so a slow one's interval beats carry it before its answer; a failure beats once, its
// attempt's first beat as a rule (sent at once, not throttled away).
async function postOnce(
  plan: CreateJobPlan,
  record: CreateJobRecord,
  heartbeats: DetailedHeartbeats<CreateJobRecord>,
): Promise<CreatedJob> {
  const sentAtMs = plan.now();
  const posts = withPost(record.posts, { sentAtMs }, plan.settleMs);
  heartbeats.hold({ ...record, posts });
  try {
    const jobId = await plan.post();
    return { jobId, adopted: false, source: 'created' };
  } catch (err) {
    // A refusal made nothing: no window. Another answer (a 5xx) closes the window when it came.
    if (isRefusal(err)) heartbeats.beat(record);
    else if (err instanceof DataFramerError && err.status !== undefined) {
      heartbeats.beat({
        ...record,
        posts: withPost(record.posts, { sentAtMs, answeredAtMs: plan.now() }, plan.settleMs),
      });
    } else heartbeats.beat({ ...record, posts });
    throw err;
  }
}

function lookWindows(plan: CreateJobPlan, record: CreateJobRecord): CreateWindow[] {
  const windows = postWindows(record, plan.settleMs);
  if (record.unrecorded === true)
    windows.push({ fromMs: plan.firstScheduledAtMs, toMs: Infinity, fromTemporalClock: true });
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
