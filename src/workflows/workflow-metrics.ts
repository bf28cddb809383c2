import { metricMeter } from '@temporalio/workflow';
import { DATAFRAMER_METRICS } from '../common/metric-names';
import type { CreateSpecState } from './types';

/** The `outcome` label of a spec workflow that was cancelled. */
export const CANCELLED_OUTCOME = 'Cancelled';

/**
 * Counts how a spec workflow ended (`SUCCEEDED`, `Cancelled`, or the failure type, a bounded set) and,
 * when DataFramer reached a terminal status, the seconds from creation to it. The SDK emits workflow
 * metrics only when the code runs for the first time, never on replay, so a worker restart or a
 * cache eviction counts nothing twice. Metrics are no commands: they leave history untouched.
 */
export function recordOutcome(state: CreateSpecState, outcome: string, reachedTerminalStatus: boolean): void {
  metricMeter.createCounter(DATAFRAMER_METRICS.specOutcomes).add(1, { outcome });
  if (!reachedTerminalStatus || state.createdAtMs === undefined) return;
  const seconds = Math.max(0, (Date.now() - state.createdAtMs) / 1000);
  metricMeter.createHistogram(DATAFRAMER_METRICS.createToTerminal, 'float', 's').record(seconds);
}

/**
 * Sets the running-children gauge to a batch's count. A gauge has one value per series and a batch id
 * would be an unbounded label, so with several batches on one task queue the series holds the value
 * of the batch that last ran a workflow task: exact for one batch at a time, a sample otherwise.
 */
export function recordBatchRunningChildren(count: number): void {
  metricMeter.createGauge(DATAFRAMER_METRICS.batchRunningChildren).set(count);
}
