import type { ResourceDescription } from './resource-description';

/** Run statuses the API documents. */
export type RunStatus = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';

/**
 * Generation runs: `POST /runs/` answers the run, poll `GET /runs/{id}/`. The SDK (0.19.2) types no
 * failure field for runs, so every name the API uses elsewhere is tried.
 */
export const RUN_RESOURCE = {
  kind: 'run',
  label: 'Run',
  collection: 'runs',
  statuses: {
    PENDING: 'running',
    PROCESSING: 'running',
    SUCCEEDED: 'succeeded',
    FAILED: 'failed',
    CANCELED: 'canceled',
  },
  // Only the British spelling: any other undocumented value is logged and treated as still running.
  aliases: { CANCELLED: 'CANCELED' },
  unknownStatus: 'PROCESSING',
  failureMessageFields: ['error_message', 'error', 'message'],
  viewFields: [
    { name: 'samplesCompleted', path: ['samples_completed'], type: 'number' },
    { name: 'samplesFailed', path: ['samples_failed'], type: 'number' },
    // The run object echoes the request under runtime_params; there is no top-level count.
    { name: 'numberOfSamples', path: ['runtime_params', 'number_of_samples'], type: 'number' },
    { name: 'totalCost', path: ['total_cost'], type: 'number' },
    { name: 'completedAt', path: ['completed_at'], type: 'string' },
  ],
  // One entry per generated file: 20,000 samples can be 20,000 files.
  largeFields: ['generated_files'],
  notYetVisibleType: 'RunNotYetVisible',
  failedType: 'RunGenerationFailed',
  canceledType: 'RunCanceled',
} as const satisfies ResourceDescription<RunStatus>;
