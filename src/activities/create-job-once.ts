import { ApplicationFailure } from '@temporalio/common';
import { DataFramerError } from '../dataframer';
import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import { whileHeartbeatingDetails } from './heartbeat-details';

/** Failure type of a retry that waits for an earlier, unanswered POST to show up before posting again. */
export const CREATE_UNCONFIRMED_TYPE = WORKFLOW_FAILURE_TYPES.CreateUnconfirmed;

/**
 * What a create attempt records in its heartbeat for the next attempt (`info.heartbeatDetails`).
 * The next attempt never relies on it alone (a heartbeat can be lost): it always looks for its job.
 */
export interface CreateJobRecord {
  /** When an attempt last sent the POST (epoch ms, worker clock). */
  postedAtMs?: number;
  /** True once that POST got an HTTP answer (even an error): it is not in flight any more. */
  answered?: boolean;
  /** The id an attempt learned; a later attempt adopts it without asking the API. */
  jobId?: string;
}

/** How the adopted or created job was found. */
export type CreateJobSource = 'created' | 'heartbeat' | 'list';

/** The create's outcome. */
export interface CreatedJob {
  jobId: string;
  adopted: boolean;
  source: CreateJobSource;
  /** Jobs that matched the lookup (more than one: two identical creates raced, the oldest was taken). */
  candidates?: number;
}

/** One create, parameterised by resource. */
export interface CreateJobPlan {
  label: string;
  attempt: number;
  /** Look for an own job before the first POST too (an earlier activity of the same workflow may have made it). */
  lookFirst?: boolean;
  /** The record of the previous attempt, from `info.heartbeatDetails` (anything: validated here). */
  previous: unknown;
  /** How long an unanswered POST may take to be listed; see `CREATE_JOB_SETTLE_MS`. */
  settleMs: number;
  now(): number;
  /** Jobs this workflow's earlier attempts may have made, oldest first (ids). */
  findOwn(): Promise<string[]>;
  /** The POST; answers the new id. */
  post(): Promise<string>;
}

/**
 * Creates a job at most once across activity attempts, for APIs with no idempotency key and no
 * unique name: attempt 1 records "posting" in its first heartbeat and POSTs; every later attempt
 * adopts a job id the record holds, else looks for a matching job made since the workflow began,
 * and POSTs again only when none exists and no earlier POST can still be in flight.
 */
export async function createJobOnce(plan: CreateJobPlan): Promise<CreatedJob> {
  const previous = readRecord(plan.previous);
  if (previous.jobId !== undefined) return { jobId: previous.jobId, adopted: true, source: 'heartbeat' };
  return whileHeartbeatingDetails(previous, async (heartbeats) => {
    if (plan.attempt > 1 || previous.postedAtMs !== undefined || plan.lookFirst === true) {
      const own = await plan.findOwn();
      if (own[0] !== undefined) {
        heartbeats.beat({ ...heartbeats.details, jobId: own[0] });
        return { jobId: own[0], adopted: true, source: 'list', ...(own.length > 1 && { candidates: own.length }) };
      }
      const waitMs = unsettledMs(previous, plan);
      if (waitMs > 0) throw unconfirmed(plan.label, waitMs);
    }
    // Beaten before every POST, whatever the rule for slow calls: a create happens once per job,
    // and this record is how a retry knows a POST may still be in flight. The SDK sends an
    // attempt's first heartbeat at once; later ones are throttled.
    const postedAtMs = plan.now();
    heartbeats.beat({ postedAtMs });
    try {
      const jobId = await plan.post();
      heartbeats.beat({ postedAtMs, answered: true, jobId });
      return { jobId, adopted: false, source: 'created' };
    } catch (err) {
      if (err instanceof DataFramerError && err.status !== undefined) heartbeats.beat({ postedAtMs, answered: true });
      throw err;
    }
  });
}

function unsettledMs(previous: CreateJobRecord, plan: CreateJobPlan): number {
  if (previous.postedAtMs === undefined || previous.answered === true) return 0;
  return Math.max(0, previous.postedAtMs + plan.settleMs - plan.now());
}

function unconfirmed(label: string, waitMs: number): ApplicationFailure {
  return ApplicationFailure.create({
    type: CREATE_UNCONFIRMED_TYPE,
    message: `${label} create sent earlier got no answer and is not listed yet; looking again in ${waitMs} ms before posting`,
    nextRetryDelay: waitMs,
  });
}

function readRecord(value: unknown): CreateJobRecord {
  if (typeof value !== 'object' || value === null) return {};
  const record = value as Record<string, unknown>;
  const out: CreateJobRecord = {};
  if (typeof record.postedAtMs === 'number' && Number.isFinite(record.postedAtMs)) out.postedAtMs = record.postedAtMs;
  if (record.answered === true) out.answered = true;
  if (typeof record.jobId === 'string' && record.jobId !== '') out.jobId = record.jobId;
  return out;
}
