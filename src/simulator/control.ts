// Steering a running simulator: end specs, change faults, add datasets. Used in-process through
// `RunningSimulator.control` and over HTTP through the `/_simulator/` routes.
import { type SimulatorContext } from './context';
import { createJobControl, type JobControl } from './job-control';
import { parseFaultPlan, parseInjectOnce, type FaultKind, type FaultPlan, type InjectOnceOptions } from './fault-plan';
import { resolveAdoptionStrictness, type AdoptionStrictnessOptions } from './options';
import { type OutageMode } from './operator-faults';
import { type SpecOutcome } from './spec-store';
import { toSpecObject } from './spec-view';

/** A spec as `GET /specs/{id}/?include_versions=false` would show it. */
export type SpecObject = Record<string, unknown>;

/** Operations on a running simulator. Spec operations throw `SpecNotFoundError` for unknown ids/names. */
export interface SimulatorControl extends JobControl {
  /** Ends a spec now, by id or name; by default SUCCEEDED (FAILED when its name matches `failNamesMatching`). */
  complete(specIdOrName: string, outcome?: SpecOutcome): SpecObject;
  /** Ends a spec now as FAILED with this `error` message. */
  fail(specIdOrName: string, message: string): SpecObject;
  /** Replaces the fault plan (the PRNG keeps its sequence). Throws `FaultPlanError` when invalid. */
  setFaults(plan: FaultPlan): void;
  /** Queues a fault for the next request it can apply to (and that matches `endpoint`, when given). */
  injectOnce(kind: FaultKind, options?: InjectOnceOptions): void;
  /** Makes a dataset id known, for simulators started with `datasets`. */
  addDataset(id: string, name?: string): void;
  /** Zeroes the counters (except requests in flight now). */
  resetCounters(): void;
  /** Changes `listLag` and/or `clockSkewMs` from now on (fields left out keep their value). */
  setAdoptionStrictness(options: AdoptionStrictnessOptions): void;
  /** Every key answers 401 for `durationMs` from now (default: until called with 0); 0 ends it. */
  rejectKeys(durationMs?: number): void;
  /** DataFramer is down (503, or resets) for `durationMs` from now (default: until called with 0); 0 ends it. */
  outage(durationMs?: number, mode?: OutageMode): void;
}

/** Binds the control operations to one simulator's state. */
export function createControl(ctx: SimulatorContext): SimulatorControl {
  const view = (record: Parameters<typeof toSpecObject>[0]): SpecObject =>
    toSpecObject(record, { dataPlane: ctx.options.dataPlane, includeVersions: false });
  return {
    ...createJobControl(ctx),
    complete: (specIdOrName, outcome) => view(ctx.store.complete(specIdOrName, outcome)),
    fail: (specIdOrName, message) => view(ctx.store.fail(specIdOrName, message)),
    setFaults: (plan) => ctx.faults.setPlan(parseFaultPlan(plan)),
    injectOnce: (kind, options = {}) => ctx.faults.injectOnce(parseInjectOnce({ ...options, kind })),
    addDataset: (id, name) => ctx.store.addDataset(id, name),
    resetCounters: () => ctx.counters.reset(),
    setAdoptionStrictness: (options) => {
      const { listLag, clockSkewMs } = ctx.options;
      Object.assign(ctx.options, resolveAdoptionStrictness({ listLag, clockSkewMs, ...options }));
    },
    rejectKeys: (durationMs = Infinity) => ctx.operator.rejectKeys(durationMs),
    outage: (durationMs = Infinity, mode) => ctx.operator.outage(durationMs, mode),
  };
}
