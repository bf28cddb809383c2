// What the simulator saw and did, for assertions. Control traffic (`/_simulator/...`) is counted in
// `requests.control` only, so driving the simulator never skews the API numbers.
import { FAULT_KINDS, type FaultKind } from './fault-plan';
import { JOB_ENDPOINTS, type JobEndpoint } from './job-routes';

/** Endpoints requests are counted by. */
export const COUNTED_ENDPOINTS = ['create', 'get', 'list', 'delete', 'health', 'control', 'other'] as const;
/** One counted endpoint. */
export type CountedEndpoint = (typeof COUNTED_ENDPOINTS)[number];

/** A snapshot of the counters. */
export interface SimulatorCounters {
  /** Requests received, per endpoint. */
  requests: Record<CountedEndpoint, number>;
  /** Responses sent, per HTTP status code (dropped connections are not responses). */
  responses: Record<string, number>;
  /** Faults actually applied, per kind. */
  faults: Record<FaultKind, number>;
  /** Requests failed by an operator-level window: every key rejected (401), or DataFramer down. */
  operatorFaults: { rejectedKey: number; outage: number };
  /** Specs created, per name (an ambiguous create counts: the spec exists). */
  createdByName: Record<string, number>;
  /** Specs created in all. */
  specsTotal: number;
  /** Requests received per run and evaluation endpoint. */
  jobRequests: Record<JobEndpoint, number>;
  /** Runs created, per spec id (an ambiguous create counts: the run exists and is billed). */
  runsCreatedBySpec: Record<string, number>;
  /** Runs created in all. */
  runsTotal: number;
  /** Runs canceled through the API. */
  runsCanceled: number;
  /** Evaluations created, per run id (ambiguous creates count). */
  evaluationsCreatedByRun: Record<string, number>;
  /** Evaluations created in all. */
  evaluationsTotal: number;
  /** Most API requests in flight at once. */
  peakInFlight: number;
  /** API requests in flight now. */
  inFlight: number;
}

/** Mutable counters behind `counters()`. */
export class CounterSet {
  private state = emptyCounters(0);

  snapshot(): SimulatorCounters {
    return structuredClone(this.state);
  }

  /** Zeroes everything except the requests in flight now. */
  reset(): void {
    this.state = emptyCounters(this.state.inFlight);
  }

  request(endpoint: CountedEndpoint | JobEndpoint): void {
    if (endpoint in this.state.jobRequests) this.state.jobRequests[endpoint as JobEndpoint] += 1;
    else this.state.requests[endpoint as CountedEndpoint] += 1;
  }

  runCreated(specId: string): void {
    this.state.runsCreatedBySpec[specId] = (this.state.runsCreatedBySpec[specId] ?? 0) + 1;
    this.state.runsTotal += 1;
  }

  runCanceled(): void {
    this.state.runsCanceled += 1;
  }

  evaluationCreated(runId: string): void {
    this.state.evaluationsCreatedByRun[runId] = (this.state.evaluationsCreatedByRun[runId] ?? 0) + 1;
    this.state.evaluationsTotal += 1;
  }

  enterFlight(): void {
    this.state.inFlight += 1;
    this.state.peakInFlight = Math.max(this.state.peakInFlight, this.state.inFlight);
  }

  leaveFlight(): void {
    this.state.inFlight -= 1;
  }

  response(status: number): void {
    this.state.responses[status] = (this.state.responses[status] ?? 0) + 1;
  }

  fault(kind: FaultKind): void {
    this.state.faults[kind] += 1;
  }

  operatorFault(kind: 'rejectedKey' | 'outage'): void {
    this.state.operatorFaults[kind] += 1;
  }

  specCreated(name: string): void {
    this.state.createdByName[name] = (this.state.createdByName[name] ?? 0) + 1;
    this.state.specsTotal += 1;
  }
}

function emptyCounters(inFlight: number): SimulatorCounters {
  return {
    requests: Object.fromEntries(COUNTED_ENDPOINTS.map((e) => [e, 0])) as Record<CountedEndpoint, number>,
    // Null prototypes: names come from clients, and `__proto__` must count like any other name.
    responses: Object.create(null) as Record<string, number>,
    faults: Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>,
    operatorFaults: { rejectedKey: 0, outage: 0 },
    createdByName: Object.create(null) as Record<string, number>,
    specsTotal: 0,
    jobRequests: Object.fromEntries(JOB_ENDPOINTS.map((e) => [e, 0])) as Record<JobEndpoint, number>,
    runsCreatedBySpec: Object.create(null) as Record<string, number>,
    runsTotal: 0,
    runsCanceled: 0,
    evaluationsCreatedByRun: Object.create(null) as Record<string, number>,
    evaluationsTotal: 0,
    peakInFlight: inFlight,
    inFlight,
  };
}
