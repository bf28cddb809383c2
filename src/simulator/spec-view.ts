// Wire shapes of a spec: the full object of `GET /specs/{id}/` and the summary of `GET /specs/`.
import { type SpecRecord } from './spec-store';

/** The `created_by_email` every simulated spec carries. */
export const SIMULATOR_USER_EMAIL = 'simulator@dataframer.invalid';
/** `content_unavailable_reason` of a SUCCEEDED spec whose YAML lives in the customer's data plane. */
export const DATA_PLANE_REASON = 'spec_content_in_data_plane';

/** How to render a spec object. */
export interface SpecViewOptions {
  dataPlane: boolean;
  includeVersions: boolean;
}

/** The body of `GET /api/dataframer/specs/{id}/`. */
export function toSpecObject(record: SpecRecord, options: SpecViewOptions): Record<string, unknown> {
  const inDataPlane = options.dataPlane && record.status === 'SUCCEEDED';
  const spec: Record<string, unknown> = {
    ...toSpecSummary(record),
    updated_at: iso(record.updatedAtMs),
    created_by_email: SIMULATOR_USER_EMAIL,
    runtime_params: runtimeParams(record),
    content_yaml: inDataPlane ? null : record.contentYaml,
    error: record.error,
  };
  if (inDataPlane) {
    spec.content_unavailable_reason = DATA_PLANE_REASON;
    spec.content_location = dataPlaneLocation(record);
  }
  if (options.includeVersions) spec.versions = versions(record, inDataPlane);
  return spec;
}

/** One element of `GET /api/dataframer/specs/`. */
export function toSpecSummary(record: SpecRecord): Record<string, unknown> {
  return {
    id: record.id,
    name: record.input.name,
    status: record.status,
    created_at: iso(record.createdAtMs),
    dataset_id: record.input.datasetId,
    dataset_name: record.datasetName,
    dataset_type: record.input.datasetId === null ? 'MULTI_FILE' : 'SINGLE_FILE',
    description: record.input.description,
  };
}

function runtimeParams(record: SpecRecord): Record<string, unknown> {
  const { input } = record;
  const params: Record<string, unknown> = {
    spec_generation_model_name: input.model,
    generate_distributions: input.generateDistributions,
    generate_conditional_distributions: input.generateConditionalDistributions,
  };
  if (input.extrapolateValues !== undefined) params.extrapolate_values = input.extrapolateValues;
  if (input.extrapolateAxes !== undefined) params.extrapolate_axes = input.extrapolateAxes;
  if (input.generationObjectives !== null) params.generation_objectives = input.generationObjectives;
  return params;
}

function versions(record: SpecRecord, inDataPlane: boolean): Record<string, unknown>[] {
  if (record.status !== 'SUCCEEDED') return [];
  return [
    {
      content_yaml: inDataPlane ? null : record.contentYaml,
      created_at: iso(record.updatedAtMs),
      content_location: inDataPlane ? dataPlaneLocation(record) : null,
    },
  ];
}

function dataPlaneLocation(record: SpecRecord): string {
  return `s3://dataframer-data-plane/specs/${record.id}/v1/spec.yaml`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
