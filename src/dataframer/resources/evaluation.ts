import type { ResourceDescription } from './resource-description';

/** Evaluation statuses the API documents (no CANCELED: evaluations cannot be canceled). */
export type EvaluationStatus = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

/** Evaluations: `POST /evaluations/` answers the evaluation, poll `GET /evaluations/{id}/`. */
export const EVALUATION_RESOURCE = {
  kind: 'evaluation',
  label: 'Evaluation',
  collection: 'evaluations',
  statuses: { PENDING: 'running', PROCESSING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' },
  // None documented: an undocumented value is logged and treated as still running.
  aliases: {},
  unknownStatus: 'PROCESSING',
  failureMessageFields: ['error_message', 'error', 'message'],
  viewFields: [
    { name: 'conformanceScore', path: ['conformance_score'], type: 'number' },
    { name: 'completedAt', path: ['completed_at'], type: 'string' },
    { name: 'contentUnavailableReason', path: ['content_unavailable_reason'], type: 'string' },
  ],
  // One classification per generated sample; the per-property analysis grows with the spec.
  largeFields: ['sample_classifications', 'distribution_analysis'],
  notYetVisibleType: 'EvaluationNotYetVisible',
  failedType: 'EvaluationFailed',
} as const satisfies ResourceDescription<EvaluationStatus>;
