import { DataFramerError, type CreateSpecBody, type SpecLookup, type SpecSummary } from '../dataframer';

/** What `createSpec` does when the name is already taken in its scope by a spec it did not make. */
export type IfNameExists = 'fail' | 'adopt';

/** What the workflow tells `createSpec` about itself (0.2.0 workflows; older ones pass nothing). */
export interface CreateSpecContext {
  /**
   * Since when a spec may be this workflow's own (Temporal's clock): when the workflow chain first
   * started (survives resets and continue-as-new), or the earlier time its caller gave
   * (`callerMayHaveCreatedSinceMs`).
   */
  workflowStartedAtMs: number;
  /**
   * An earlier run may have made the spec: this run is not its chain's first (a reset, a workflow
   * retry), or the caller's earlier execution may have (`callerMayHaveCreatedSinceMs`).
   */
  earlierRunMayHaveCreated: boolean;
  /** @default 'fail' */
  ifNameExists?: IfNameExists;
}

/** Heartbeat details of `createSpec`: what its attempts so far may have done. */
export interface CreateSpecHeartbeat {
  /** An earlier attempt sent the POST and heard no refusal: the spec may exist without our knowing its id. */
  mayHaveCreated: boolean;
}

/** Everything the adoption rule weighs. */
export interface AdoptionGrounds {
  /** An earlier attempt of this activity may have made the spec (its heartbeat says so). */
  earlierAttemptMayHaveCreated: boolean;
  /**
   * An earlier run of the chain (a reset), or an earlier attempt that left no record (killed before
   * its first beat, or from before 0.2.0), may have made it: only a spec made since the workflow
   * started counts.
   */
  unrecordedMayHaveCreated: boolean;
  workflowStartedAtMs: number;
  /** Tolerated difference between Temporal's clock and the worker's. */
  clockSkewMs: number;
  ifNameExists: IfNameExists;
}

/** Why a same-scope, same-name spec is adopted, or undefined when it is not ours to take. */
export type AdoptionReason = 'earlier-attempt' | 'earlier-run' | 'name-exists-adopt';

/**
 * The adoption rule. With `ifNameExists: 'adopt'` any spec of the scope and name is taken. Otherwise
 * only one this workflow may have made: an earlier attempt sent the POST and heard no refusal (its
 * heartbeat says so; no clock is read, so DataFramer's clock may disagree with ours by any amount),
 * or an earlier run of the chain (a reset) or an unrecorded attempt may have and DataFramer made it after the chain started,
 * by DataFramer's own clock as its `Date` header shows it. Either way the fields the list shows must
 * match the request.
 */
export function adoptionReason(found: SpecLookup, body: CreateSpecBody, grounds: AdoptionGrounds) {
  const { spec } = found;
  if (spec === undefined) return undefined;
  if (grounds.ifNameExists === 'adopt') return 'name-exists-adopt' as const;
  if (!fieldsMatch(spec, body)) return undefined;
  if (grounds.earlierAttemptMayHaveCreated) return 'earlier-attempt' as const;
  if (grounds.unrecordedMayHaveCreated && madeSinceWorkflowStart(spec, found, grounds)) return 'earlier-run' as const;
  return undefined;
}

/** The listed fields that the request sets, where the list shows them (name and scope already match). */
function fieldsMatch(spec: SpecSummary, body: CreateSpecBody): boolean {
  if (!('description' in spec)) return true;
  return (spec.description ?? null) === (body.description ?? null);
}

function madeSinceWorkflowStart(spec: SpecSummary, found: SpecLookup, grounds: AdoptionGrounds): boolean {
  const createdAt = typeof spec.created_at === 'string' ? Date.parse(spec.created_at) : NaN;
  // A spec whose creation time we cannot read is not claimed: a duplicate beats a wrong adoption.
  if (Number.isNaN(createdAt)) return false;
  const startedOnDataFramerClock = grounds.workflowStartedAtMs + (found.serverClockOffsetMs ?? 0);
  return createdAt >= startedOnDataFramerClock - grounds.clockSkewMs;
}

/** The server answered and refused (4xx): that POST made nothing. Anything else may have made the spec. */
export function isRefusal(err: unknown): boolean {
  return err instanceof DataFramerError && err.status !== undefined && err.status >= 300 && err.status < 500;
}
