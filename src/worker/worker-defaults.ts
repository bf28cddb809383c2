/** Where the worker looks for Temporal when `TEMPORAL_ADDRESS` is not set: a local dev server. */
export const DEFAULT_TEMPORAL_ADDRESS = '127.0.0.1:7233';

/** The Temporal namespace used unless told otherwise. */
export const DEFAULT_TEMPORAL_NAMESPACE = 'default';

/**
 * Activities are I/O-bound HTTP calls that spend nearly all their time waiting on DataFramer, so one
 * process can run far more of them than the SDK's CPU-minded default; the API rate limit, not this
 * number, is what protects DataFramer.
 */
export const DEFAULT_MAX_CONCURRENT_ACTIVITY_TASK_EXECUTIONS = 100;

/**
 * Workflows one worker process keeps in memory between their workflow tasks (the SDK's sticky cache).
 * A waiting spec sits in a Temporal-retried activity for half an hour at a time, so its workflow is
 * idle, yet each cached one holds 400 to 550 KB of the worker's RSS, and the SDK's default is sized by
 * heap (2,310 on a 4 GB heap): 5,000 waiting specs held a worker at 1,303 MB with it, 430 MB with 100. An evicted
 * workflow is replayed from its history, about a dozen events, when its activity ends: about 4 ms of
 * CPU, twice an hour per waiting spec. `npm run bench:memory` measured both (docs/performance.md);
 * 100 keeps a burst of active workflows sticky and the worker under 500 MB while 5,000 specs wait.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 100;

/**
 * How long a stopping worker lets running activities finish before cancelling them. Our activities
 * are short HTTP calls (polling is a workflow timer), so 30 seconds lets nearly every one complete.
 */
export const DEFAULT_SHUTDOWN_GRACE_TIME = '30 seconds';
