// Decides, per request, which fault (if any) to inject: queued one-shot faults first, then the plan,
// drawn from a seeded PRNG so that the same seed and the same request sequence repeat exactly.
import {
  FAULT_ENDPOINTS,
  FaultPlanError,
  type AmbiguousMode,
  type FaultEndpoint,
  type FaultKind,
  type FaultPlan,
  type InjectOnceRequest,
  type RetryAfter,
} from './fault-plan';
import { mulberry32, type Random } from './prng';

/** A fault that replaces or rewrites the normal answer (at most one per request). */
export type ExclusiveFault =
  | { kind: 'http500' | 'html502' | 'reset' | 'unknownStatus' }
  | { kind: 'rateLimit'; retryAfter: RetryAfter }
  | { kind: 'ambiguousCreate'; mode: AmbiguousMode };

/** What to do to one request: delay its answer, and/or replace it with a fault. */
export interface FaultDecision {
  delayMs?: number;
  fault?: ExclusiveFault;
}

// Where `ambiguousCreate` and `unknownStatus` can apply: creates of specs, runs and evaluations, and
// status reads of the same.
const CREATE_ENDPOINTS: ReadonlySet<FaultEndpoint> = new Set(['create', 'run-create', 'evaluation-create']);
const READ_ENDPOINTS: ReadonlySet<FaultEndpoint> = new Set(['get', 'run-get', 'evaluation-get']);

const DEFAULT_RETRY_AFTER: RetryAfter = { seconds: 1 };
const DEFAULT_ONE_SHOT_DELAY_MS = 200;

/** Holds the current plan and the one-shot queue; `decide` is called once per spec request. */
export class FaultInjector {
  private plan: FaultPlan;
  private readonly queue: InjectOnceRequest[] = [];
  private readonly random: Random;

  constructor(plan: FaultPlan, seed: number) {
    this.plan = plan;
    this.random = mulberry32(seed);
  }

  setPlan(plan: FaultPlan): void {
    this.plan = plan;
  }

  injectOnce(request: InjectOnceRequest): void {
    if (request.endpoint !== undefined && !kindAppliesTo(request.kind, request.endpoint)) {
      throw new FaultPlanError(`a ${request.kind} fault cannot apply to the ${request.endpoint} endpoint`);
    }
    this.queue.push(request);
  }

  decide(endpoint: FaultEndpoint): FaultDecision {
    const index = this.queue.findIndex((entry) => oneShotMatches(entry, endpoint));
    if (index >= 0) {
      const [entry] = this.queue.splice(index, 1);
      if (entry) return oneShotDecision(entry);
    }
    return this.drawFromPlan(endpoint);
  }

  private drawFromPlan(endpoint: FaultEndpoint): FaultDecision {
    const plan = this.plan;
    if (!(plan.endpoints ?? FAULT_ENDPOINTS).includes(endpoint)) return {};
    const decision: FaultDecision = {};
    if (plan.slowMs && plan.slowMs.probability > 0 && this.random() < plan.slowMs.probability) {
      decision.delayMs = plan.slowMs.delayMs;
    }
    const candidates = exclusiveCandidates(plan, endpoint);
    if (candidates.some(([probability]) => probability > 0)) {
      let draw = this.random();
      for (const [probability, fault] of candidates) {
        if (draw < probability) return { ...decision, fault };
        draw -= probability;
      }
    }
    return decision;
  }
}

/** Exclusive faults of a plan that can hit this endpoint, in a fixed order (determinism depends on it). */
function exclusiveCandidates(plan: FaultPlan, endpoint: FaultEndpoint): [number, ExclusiveFault][] {
  const candidates: [number, ExclusiveFault][] = [
    [plan.reset ?? 0, { kind: 'reset' }],
    [plan.http500 ?? 0, { kind: 'http500' }],
    [plan.html502 ?? 0, { kind: 'html502' }],
  ];
  if (plan.rateLimit) {
    const retryAfter = plan.rateLimit.retryAfter ?? DEFAULT_RETRY_AFTER;
    candidates.push([plan.rateLimit.probability, { kind: 'rateLimit', retryAfter }]);
  }
  if (READ_ENDPOINTS.has(endpoint)) candidates.push([plan.unknownStatus ?? 0, { kind: 'unknownStatus' }]);
  if (CREATE_ENDPOINTS.has(endpoint) && plan.ambiguousCreate) {
    const { probability, mode } = plan.ambiguousCreate;
    candidates.push([probability, { kind: 'ambiguousCreate', mode }]);
  }
  return candidates;
}

/** Endpoints a kind can apply to at all. */
function kindAppliesTo(kind: FaultKind, endpoint: FaultEndpoint): boolean {
  if (kind === 'unknownStatus') return READ_ENDPOINTS.has(endpoint);
  if (kind === 'ambiguousCreate') return CREATE_ENDPOINTS.has(endpoint);
  return true;
}

function oneShotMatches(entry: InjectOnceRequest, endpoint: FaultEndpoint): boolean {
  return (entry.endpoint === undefined || entry.endpoint === endpoint) && kindAppliesTo(entry.kind, endpoint);
}

function oneShotDecision(entry: InjectOnceRequest): FaultDecision {
  switch (entry.kind) {
    case 'slowMs':
      return { delayMs: entry.delayMs ?? DEFAULT_ONE_SHOT_DELAY_MS };
    case 'rateLimit':
      return { fault: { kind: 'rateLimit', retryAfter: entry.retryAfter ?? DEFAULT_RETRY_AFTER } };
    case 'ambiguousCreate':
      return { fault: { kind: 'ambiguousCreate', mode: entry.mode ?? '500' } };
    default:
      return { fault: { kind: entry.kind } };
  }
}
