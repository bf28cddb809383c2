/**
 * Every metric this package emits, named once. Labels are bounded sets: error classes and failure
 * types come from the error table, never a spec name, id, message or anything user-supplied. The SDK
 * adds its own bounded labels (namespace, task_queue, activity_type / workflow_type).
 */
export const DATAFRAMER_METRICS = {
  /** Specs this worker created with a POST (not adopted). */
  specsCreated: 'dataframer_specs_created',
  /** Specs a retried create found and adopted instead of creating a second one. */
  specsAdopted: 'dataframer_specs_adopted',
  /** Status reads (GET /specs/{id}/) attempted, whatever they answered. */
  statusReads: 'dataframer_status_reads',
  /** Status reads answered 401/403 for a spec, run or evaluation that exists: the worker's key is wrong (label `status`). */
  rejectedKeyReads: 'dataframer_api_key_rejected_reads',
  /** Retryable failures of an activity, label `error_class` (the failure type: `InternalServerError`, ...). */
  transientErrors: 'dataframer_transient_errors',
  /** 429 answers. */
  rateLimited: 'dataframer_rate_limited',
  /** The wait a 429 asked for (`Retry-After` / `retry-after-ms`), which Temporal honours as `nextRetryDelay`. */
  rateLimitDelay: 'dataframer_rate_limit_delay_seconds',
  /** Spec workflows that ended, label `outcome`: `SUCCEEDED`, `Cancelled` or the failure type. */
  specOutcomes: 'dataframer_spec_outcomes',
  /** Seconds from the spec's creation to its terminal status (SUCCEEDED or FAILED). */
  createToTerminal: 'dataframer_spec_create_to_terminal_seconds',
  /** Children a batch workflow has running, set by the batch on each of its workflow tasks. */
  batchRunningChildren: 'dataframer_batch_running_children',
} as const;

/** Histogram buckets (seconds) per histogram, handed to the runtime's Prometheus exporter. */
export const DATAFRAMER_HISTOGRAM_BUCKETS: Record<string, number[]> = {
  // Specs take minutes to hours: from a simulator's seconds up to the default 24 h deadline.
  [DATAFRAMER_METRICS.createToTerminal]: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400],
  // Retry-After values seen in practice: sub-second to a few minutes.
  [DATAFRAMER_METRICS.rateLimitDelay]: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
};
