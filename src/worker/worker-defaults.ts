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
 * idle; each cached one costs about 330 KB (2,000 waiting specs took a worker from 241 to 898 MB),
 * and the SDK's default is sized by heap (thousands). An evicted workflow is replayed from its
 * history, about a dozen events, when its activity ends: `npm run bench:memory` measured the RSS and
 * the replay CPU of each cache size (README "Performance"), and this one bounds RSS at any backlog.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 500;

/**
 * How long a stopping worker lets running activities finish before cancelling them. Our activities
 * are short HTTP calls (polling is a workflow timer), so 30 seconds lets nearly every one complete.
 */
export const DEFAULT_SHUTDOWN_GRACE_TIME = '30 seconds';
