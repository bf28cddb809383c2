import { isDeepStrictEqual } from 'node:util';
import {
  DEFAULT_EVALUATION_MODEL,
  type CreateEvaluationRequest,
  type CreateRunRequest,
  type DataFramerClient,
  type Evaluation,
  type Run,
} from '../dataframer';

/**
 * Slack around a window when DataFramer's `Date` header told its clock: the header's whole second,
 * half a round trip each way, and a margin for a loaded machine. Narrow on purpose: a wider window
 * takes in more of other callers' identical jobs, which then make the create ambiguous.
 */
export const SERVER_CLOCK_SLACK_MS = 2_000;

/** A stretch of time in which this workflow may have made the job (epoch ms, the worker's clock unless said). */
export interface CreateWindow {
  fromMs: number;
  /** `Infinity`: up to now. */
  toMs: number;
  /** `fromMs` was read on Temporal's clock (a workflow's start, an activity's scheduling), not the worker's. */
  fromTemporalClock?: boolean;
}

/** Where adoption looks: jobs DataFramer made inside one of these windows. */
export interface AdoptionWindows {
  windows: readonly CreateWindow[];
  /** Tolerated difference between Temporal's clock and the worker's, and DataFramer's when it sends no `Date`. */
  clockSkewMs: number;
  signal?: AbortSignal;
}

/**
 * Runs this workflow's own creates may have made, oldest first: runs of the same spec that DataFramer
 * made inside one of the windows (its `created_at` brought to our clock by its `Date` header), whose
 * echoed parameters do not contradict the request. The list has no parameters, so each candidate is
 * read; a run whose creation time cannot be read is not claimed.
 */
export async function findOwnRuns(
  client: DataFramerClient,
  request: CreateRunRequest,
  where: AdoptionWindows,
): Promise<string[]> {
  const options = where.signal === undefined ? {} : { signal: where.signal };
  const specId = request.spec_id.toLowerCase();
  const list = await client.listRunsTimed(options);
  const inside = insideWindows(where, list.serverClockOffsetMs);
  const own: string[] = [];
  for (const candidate of oldestFirst(
    list.items.filter((run) => run.spec_id?.toLowerCase() === specId && inside(run)),
  )) {
    if (matchesRunRequest(await client.getRun(candidate, options), request)) own.push(candidate);
  }
  return own;
}

/**
 * Evaluations of the run made inside one of the windows, oldest first, whose model (where DataFramer
 * echoes it on the evaluation object, so each candidate is read) is the requested one.
 */
export async function findOwnEvaluations(
  client: DataFramerClient,
  request: CreateEvaluationRequest,
  where: AdoptionWindows,
): Promise<string[]> {
  const options = where.signal === undefined ? {} : { signal: where.signal };
  const list = await client.listRunEvaluationsTimed(request.run_id, options);
  const inside = insideWindows(where, list.serverClockOffsetMs);
  const own: string[] = [];
  for (const candidate of oldestFirst(list.items.filter(inside))) {
    if (matchesEvaluationRequest(await client.getEvaluation(candidate, options), request)) own.push(candidate);
  }
  return own;
}

/**
 * Whether a run can be the one this request made: same spec and version, and every requested field
 * the run echoes in `runtime_params` equal (a field it does not echo does not disqualify it).
 */
export function matchesRunRequest(run: Run, request: CreateRunRequest): boolean {
  if (run.spec_id?.toLowerCase() !== request.spec_id.toLowerCase()) return false;
  if (request.spec_version !== undefined && typeof run.spec_version === 'number') {
    if (run.spec_version !== request.spec_version) return false;
  }
  const echoed = (run.runtime_params ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(request)) {
    if (key === 'spec_id' || key === 'spec_version') continue;
    const seen = echoed[key];
    if (seen !== undefined && seen !== null && !isDeepStrictEqual(seen, value)) return false;
  }
  return true;
}

/**
 * Whether an evaluation can be the one this request made: same run and, where it echoes
 * `evaluation_model`, the requested model (DataFramer's documented default when none was asked for:
 * should the default change, we make a second evaluation rather than take another model's).
 */
export function matchesEvaluationRequest(evaluation: Evaluation, request: CreateEvaluationRequest): boolean {
  if (typeof evaluation.run_id === 'string' && evaluation.run_id.toLowerCase() !== request.run_id.toLowerCase()) {
    return false;
  }
  const echoed = evaluation.evaluation_model;
  if (typeof echoed !== 'string' || echoed === '') return true;
  return echoed === (request.evaluation_model ?? DEFAULT_EVALUATION_MODEL);
}

type Listed = { id?: string | null; created_at?: string | null };

function insideWindows(where: AdoptionWindows, serverClockOffsetMs: number | undefined) {
  const offset = serverClockOffsetMs ?? 0;
  const slack = serverClockOffsetMs === undefined ? where.clockSkewMs : SERVER_CLOCK_SLACK_MS;
  return (job: Listed): boolean => {
    if (!job.id) return false;
    const atMs = createdAtMs(job.created_at) - offset;
    return where.windows.some(
      (w) =>
        atMs >= w.fromMs - slack - (w.fromTemporalClock === true ? where.clockSkewMs : 0) && atMs <= w.toMs + slack,
    );
  };
}

function oldestFirst(jobs: Listed[]): string[] {
  return jobs.sort((a, b) => createdAtMs(a.created_at) - createdAtMs(b.created_at)).map((job) => job.id as string);
}

function createdAtMs(createdAt: string | null | undefined): number {
  const parsed = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return Number.isNaN(parsed) ? -Infinity : parsed;
}
