import type { ResourceDescription } from './resource-description';

/** Spec statuses the API documents. */
export type SpecJobStatus = 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

/** Specs: `POST /specs/` → 202 `{id}`, poll `GET /specs/{id}/`. The failure text is `error` (per the SDK). */
export const SPEC_RESOURCE = {
  kind: 'spec',
  label: 'Spec',
  collection: 'specs',
  statuses: { PROCESSING: 'running', SUCCEEDED: 'succeeded', FAILED: 'failed' },
  // Older doc pages say READY or COMPLETED for a finished spec.
  aliases: { READY: 'SUCCEEDED', COMPLETED: 'SUCCEEDED' },
  unknownStatus: 'PROCESSING',
  failureMessageFields: ['error', 'error_message', 'message'],
  viewFields: [{ name: 'updatedAt', path: ['updated_at'], type: 'string' }],
  // The YAML and its versions can be large: only the final view carries the spec.
  largeFields: ['content_yaml', 'versions'],
  notYetVisibleType: 'SpecNotYetVisible',
  failedType: 'SpecGenerationFailed',
} as const satisfies ResourceDescription<SpecJobStatus>;
