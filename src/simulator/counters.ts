// What the simulator saw and did, for assertions. Control traffic (`/_simulator/...`) is counted in
// `requests.control` only, so driving the simulator never skews the API numbers.
import { FAULT_KINDS, type FaultKind } from './fault-plan';

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

  request(endpoint: CountedEndpoint): void {
    this.state.requests[endpoint] += 1;
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
    peakInFlight: inFlight,
    inFlight,
  };
}
