import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DATAFRAMER_METRICS } from '../common/metric-names';

const RATE_LIMIT_ERROR_TYPE = 'RateLimitError';

// The activity context's meter tags every metric with namespace, task queue and activity type, and
// goes to the runtime's exporter (Prometheus when the worker is configured with a bind address).
function meter() {
  return Context.current().metricMeter;
}

/** One count of a created (`adopted: false`) or adopted spec. */
export function recordCreated(adopted: boolean): void {
  meter()
    .createCounter(adopted ? DATAFRAMER_METRICS.specsAdopted : DATAFRAMER_METRICS.specsCreated)
    .add(1);
}

/** One status read about to be made. */
export function recordStatusRead(): void {
  meter().createCounter(DATAFRAMER_METRICS.statusReads).add(1);
}

function delaySeconds(delay: ApplicationFailure['nextRetryDelay']): number | undefined {
  return typeof delay === 'number' ? delay / 1000 : undefined;
}

/**
 * Counts a failure an activity is about to throw, when Temporal will retry it: by its error class
 * (the failure type, a bounded set), and a 429's delay. Permanent failures end the workflow and are
 * counted there, by outcome.
 */
export function recordFailure(failure: unknown): void {
  if (!(failure instanceof ApplicationFailure) || failure.nonRetryable) return;
  const errorClass = failure.type ?? 'Error';
  meter().createCounter(DATAFRAMER_METRICS.transientErrors).add(1, { error_class: errorClass });
  if (errorClass !== RATE_LIMIT_ERROR_TYPE) return;
  meter().createCounter(DATAFRAMER_METRICS.rateLimited).add(1);
  const seconds = delaySeconds(failure.nextRetryDelay);
  if (seconds !== undefined) meter().createHistogram(DATAFRAMER_METRICS.rateLimitDelay, 'float', 's').record(seconds);
}
