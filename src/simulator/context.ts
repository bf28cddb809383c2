// The state one running simulator shares between its request handlers.
import { CounterSet } from './counters';
import { EvaluationStore } from './evaluation-store';
import { RunStore, type JobStoreOptions } from './run-store';
import { FaultInjector } from './fault-injector';
import { OperatorFaults } from './operator-faults';
import { type ResolvedSimulatorOptions } from './options';
import { SpecStore } from './spec-store';

/** Everything a handler may touch; one per `startSimulator` call. */
export interface SimulatorContext {
  options: ResolvedSimulatorOptions;
  store: SpecStore;
  runs: RunStore;
  evaluations: EvaluationStore;
  counters: CounterSet;
  faults: FaultInjector;
  /** Every key rejected, or DataFramer down, for a while. */
  operator: OperatorFaults;
  /** Aborted by `close()`, which cancels pending slow answers. */
  signal: AbortSignal;
}

/** Builds the state every handler uses from resolved options. */
export function createContext(options: ResolvedSimulatorOptions, signal: AbortSignal): SimulatorContext {
  return {
    options,
    store: new SpecStore(options),
    runs: new RunStore(jobStoreOptions(options)),
    evaluations: new EvaluationStore(jobStoreOptions(options)),
    counters: new CounterSet(),
    faults: new FaultInjector(options.faults, options.seed),
    operator: new OperatorFaults(options.clock, { rejectKeys: options.rejectKeys, outage: options.outage }),
    signal,
  };
}

// Runs and evaluations live on DataFramer's clock, as specs do (`SpecStore.now`), and follow the
// adoption-strictness options as the control API changes them.
function jobStoreOptions(options: ResolvedSimulatorOptions): JobStoreOptions {
  return {
    completion: options.completion,
    clock: () => options.clock() + options.clockSkewMs,
    get listLag() {
      return options.listLag;
    },
  };
}
