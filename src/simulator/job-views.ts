// Wire shapes of runs and evaluations, as pydataframer 0.19.2 types them.
import { type EvaluationRecord } from './evaluation-store';
import { runCost, type RunRecord } from './run-store';
import { SIMULATOR_USER_EMAIL } from './spec-view';

/** `content_unavailable_reason` of a SUCCEEDED evaluation whose results live in the customer's data plane. */
export const EVALUATION_DATA_PLANE_REASON = 'result_content_in_data_plane';

const PROPERTIES: Record<string, Record<string, number>> = {
  sentiment: { positive: 50, neutral: 30, negative: 20 },
  length: { short: 35, medium: 45, long: 20 },
  topic: { billing: 30, shipping: 25, 'product quality': 30, returns: 15 },
};

/** One element of `GET /runs/`. */
export function toRunSummary(record: RunRecord): Record<string, unknown> {
  return {
    id: record.id,
    status: record.status,
    spec_id: record.spec.id,
    spec_name: record.spec.name,
    spec_version: record.request.spec_version ?? 1,
    dataset_id: record.spec.datasetId,
    dataset_name: record.spec.datasetName,
    dataset_type: record.spec.datasetId === null ? 'MULTI_FILE' : 'SINGLE_FILE',
    samples_completed: record.samplesCompleted,
    samples_failed: record.samplesFailed,
    total_cost: runCost(record),
    created_at: iso(record.createdAtMs),
    completed_at: record.completedAtMs === null ? null : iso(record.completedAtMs),
    created_by_email: SIMULATOR_USER_EMAIL,
  };
}

/** The body of `GET /runs/{id}/` and of `POST /runs/`. The SDK types no failure field: we send `error_message`. */
export function toRunObject(record: RunRecord): Record<string, unknown> {
  const { spec_id: _specId, spec_version: _version, ...params } = record.request;
  return {
    ...toRunSummary(record),
    runtime_params: { ...params, number_of_samples: record.numberOfSamples },
    generated_files: record.files,
    error_message: record.error,
  };
}

/** One element of `GET /runs/{run_id}/evaluations/`. */
export function toEvaluationSummary(record: EvaluationRecord): Record<string, unknown> {
  return {
    id: record.id,
    run_id: record.runId,
    status: record.status,
    created_at: iso(record.createdAtMs),
    completed_at: record.completedAtMs === null ? null : iso(record.completedAtMs),
    created_by_email: SIMULATOR_USER_EMAIL,
  };
}

/** The body of `GET /evaluations/{id}/`: the results only once SUCCEEDED (one classification per sample). */
export function toEvaluationObject(
  record: EvaluationRecord,
  run: RunRecord | undefined,
  options: { dataPlane: boolean; echoEvaluationModel: boolean },
): Record<string, unknown> {
  const succeeded = record.status === 'SUCCEEDED';
  const inDataPlane = succeeded && options.dataPlane;
  const evaluation: Record<string, unknown> = {
    ...toEvaluationSummary(record),
    ...(options.echoEvaluationModel && { evaluation_model: record.model }),
    error_message: record.errorMessage,
    conformance_score: succeeded ? conformanceScore(record) : null,
    distribution_analysis: succeeded && !inDataPlane ? distributionAnalysis(run) : succeeded ? [] : null,
    sample_classifications: succeeded && !inDataPlane ? sampleClassifications(record, run) : [],
  };
  if (inDataPlane) {
    const key = `evaluations/${record.id}/results.json`;
    evaluation.content_unavailable_reason = EVALUATION_DATA_PLANE_REASON;
    evaluation.content_location = { data_plane: true, s3_key: key, storage_uri: `s3://dataframer-data-plane/${key}` };
  }
  return evaluation;
}

function conformanceScore(record: EvaluationRecord): number {
  // Deterministic per evaluation, between 0.80 and 0.99.
  const digits = parseInt(record.id.replace(/-/g, '').slice(0, 6), 16);
  return Math.round((0.8 + (digits % 20) / 100) * 100) / 100;
}

function distributionAnalysis(run: RunRecord | undefined): Record<string, unknown>[] {
  const total = run?.samplesCompleted ?? 0;
  return Object.entries(PROPERTIES).map(([name, requested]) => ({
    property_name: name,
    requested_distributions: requested,
    expected_distributions: requested,
    evaluated_distributions: Object.fromEntries(
      Object.entries(requested).map(([value, pct], i) => [value, Math.max(0, pct + (i % 2 === 0 ? 2 : -2))]),
    ),
    total_samples: total,
    total_samples_analyzed: total,
  }));
}

function sampleClassifications(record: EvaluationRecord, run: RunRecord | undefined): Record<string, unknown>[] {
  const names =
    run?.spec.datasetId === null ? run.files.map((file) => file.path) : rowNames(run?.samplesCompleted ?? 0);
  const values = Object.entries(PROPERTIES).map(([name, weights]) => [name, Object.keys(weights)] as const);
  return names.map((sample, i) => ({
    id: `${record.id.slice(0, 8)}-${i + 1}`,
    evaluation_id: record.id,
    sample_identifier: sample,
    classifications: Object.fromEntries(values.map(([name, options]) => [name, options[i % options.length]])),
    created_at: iso(record.completedAtMs ?? record.createdAtMs),
  }));
}

function rowNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `row_${i + 1}`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
