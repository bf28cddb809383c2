// The per-resource descriptions the generic job machinery reads; import-free data (workflow-safe).
export {
  failureMessageOf,
  normalizeStatus,
  terminalStatuses,
  viewFieldsOf,
  type NormalizedStatus,
  type ResourceDescription,
  type StatusOutcome,
  type ViewField,
} from './resource-description';
export { SPEC_RESOURCE, type SpecJobStatus } from './spec';
export { RUN_RESOURCE, type RunStatus } from './run';
export { EVALUATION_RESOURCE, type EvaluationStatus } from './evaluation';

import { EVALUATION_RESOURCE } from './evaluation';
import { RUN_RESOURCE } from './run';
import { SPEC_RESOURCE } from './spec';

/** Every described resource, by kind. */
export const DATAFRAMER_RESOURCES = {
  spec: SPEC_RESOURCE,
  run: RUN_RESOURCE,
  evaluation: EVALUATION_RESOURCE,
} as const;
