import { isDeepStrictEqual } from 'node:util';
import { type CreateEvaluationRequest, type CreateRunRequest, type DataFramerClient, type Run } from '../dataframer';

/** Where adoption looks: jobs created at or after this instant (epoch ms, DataFramer's clock). */
export interface AdoptionWindow {
  /** When the create activity was first scheduled: jobs made before belong to someone else. */
  firstScheduledAtMs: number;
  /** Allowed difference between DataFramer's and Temporal's clocks. */
  clockSkewMs: number;
  signal?: AbortSignal;
}

/**
 * Runs this activity's earlier attempts may have made, oldest first: runs of the same spec,
 * created since the activity was first scheduled, whose echoed parameters do not contradict the
 * request. The list has no parameters, so each candidate is read; a run whose creation time cannot
 * be read is not claimed.
 */
export async function findOwnRuns(
  client: DataFramerClient,
  request: CreateRunRequest,
  window: AdoptionWindow,
): Promise<string[]> {
  const options = window.signal === undefined ? {} : { signal: window.signal };
  const specId = request.spec_id.toLowerCase();
  const candidates = (await client.listRuns(options))
    .filter((run) => run.id && run.spec_id?.toLowerCase() === specId && inWindow(run.created_at, window))
    .sort((a, b) => createdAtMs(a.created_at) - createdAtMs(b.created_at));
  const own: string[] = [];
  for (const candidate of candidates) {
    const run = await client.getRun(candidate.id as string, options);
    if (matchesRunRequest(run, request)) own.push(candidate.id as string);
  }
  return own;
}

/** Evaluations of the run created since the activity was first scheduled, oldest first. */
export async function findOwnEvaluations(
  client: DataFramerClient,
  request: CreateEvaluationRequest,
  window: AdoptionWindow,
): Promise<string[]> {
  const options = window.signal === undefined ? {} : { signal: window.signal };
  return (await client.listRunEvaluations(request.run_id, options))
    .filter((evaluation) => evaluation.id && inWindow(evaluation.created_at, window))
    .sort((a, b) => createdAtMs(a.created_at) - createdAtMs(b.created_at))
    .map((evaluation) => evaluation.id as string);
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

function inWindow(createdAt: string | null | undefined, window: AdoptionWindow): boolean {
  return createdAtMs(createdAt) >= window.firstScheduledAtMs - window.clockSkewMs;
}

function createdAtMs(createdAt: string | null | undefined): number {
  const parsed = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
  return Number.isNaN(parsed) ? -Infinity : parsed;
}
