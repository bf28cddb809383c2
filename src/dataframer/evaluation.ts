import { z } from 'zod';
import { pageOf } from './run';

const optionalText = z.string().nullish();
const optionalNumber = z.number().nullish();
const percentages = z.record(z.string(), z.number()).nullish();

/** One property's distributions: requested by the spec, expected for the sample count, evaluated. */
export const DistributionAnalysisSchema = z.looseObject({
  property_name: optionalText,
  requested_distributions: percentages,
  expected_distributions: percentages,
  evaluated_distributions: percentages,
  total_samples: optionalNumber,
  total_samples_analyzed: optionalNumber,
});
/** One property's distribution analysis. */
export type DistributionAnalysis = z.infer<typeof DistributionAnalysisSchema>;

/** How one generated sample was classified, per property. */
export const SampleClassificationSchema = z.looseObject({
  id: optionalText,
  evaluation_id: optionalText,
  sample_identifier: optionalText,
  classifications: z.record(z.string(), z.unknown()).nullish(),
  created_at: optionalText,
});
/** One sample classification. */
export type SampleClassification = z.infer<typeof SampleClassificationSchema>;

/** One entry of `GET /runs/{run_id}/evaluations/`. */
export const EvaluationSummarySchema = z.looseObject({
  id: optionalText,
  run_id: optionalText,
  status: optionalText,
  created_at: optionalText,
  completed_at: optionalText,
  created_by_email: optionalText,
});
/** One evaluation summary. */
export type EvaluationSummary = z.infer<typeof EvaluationSummarySchema>;

/** An evaluation as `GET /evaluations/{id}/` (and `POST /evaluations/`) answer it. */
export const EvaluationSchema = EvaluationSummarySchema.extend({
  /** In the issue's API facts, not in SDK 0.19.2's types: read when present. */
  conformance_score: optionalNumber,
  /** The model that judged, where DataFramer echoes it (SDK 0.19.2 types no such field): read when present. */
  evaluation_model: optionalText,
  distribution_analysis: z.array(DistributionAnalysisSchema).nullish(),
  /** One per generated sample: can be large. */
  sample_classifications: z.array(SampleClassificationSchema).nullish(),
  /** `result_content_in_data_plane` when the results live in the customer's cloud (success, not an error). */
  content_unavailable_reason: optionalText,
  content_location: z.unknown().optional(),
  error_message: z.unknown().optional(),
  error: z.unknown().optional(),
  message: z.unknown().optional(),
});
/** An evaluation. */
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** The create answer: the evaluation object, of which only a non-empty `id` is required. */
export const CreateEvaluationResponseSchema = EvaluationSchema.extend({ id: z.string().min(1) });
/** The create answer. */
export type CreateEvaluationResponse = z.infer<typeof CreateEvaluationResponseSchema>;

/** `GET /runs/{run_id}/evaluations/`: a bare array, or DRF pages, normalised. */
export const EvaluationListSchema = pageOf(EvaluationSummarySchema);
/** One page of a run's evaluations. */
export type EvaluationList = z.infer<typeof EvaluationListSchema>;
