import { z } from 'zod';
import { InvalidRequestError } from './errors';
import { formatZodIssues } from './zod-issues';

/** Most samples one run may generate (the API's documented limit). */
export const MAX_RUN_SAMPLES = 20_000;

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : `must be ${expected}`;
const flag = () => z.boolean({ error: typeError('true or false') }).optional();
const count = (min: number, max?: number) => {
  const base = z.int({ error: typeError('an integer') }).min(min, `must be at least ${min}`);
  return max === undefined ? base : base.max(max, `must be at most ${max}`);
};
// Model names pass whatever they are (the documented lists change between SDK versions).
const model = () =>
  z.string({ error: typeError('a model name') }).refine((v) => v.trim() !== '', 'must be a non-empty model name');

/** Revision passes a run can apply (SDK 0.19.2). */
export const RUN_REVISION_TYPES = ['coherence_flow', 'consistency', 'distinguishability', 'conformance'] as const;
/** Quality gates a run can filter with (SDK 0.19.2). */
export const RUN_FILTERING_TYPES = ['structural', 'conformance'] as const;
/** How seed examples are shuffled between samples (SDK 0.19.2). */
export const SEED_SHUFFLING_LEVELS = ['none', 'sample', 'field', 'prompt'] as const;

/**
 * `POST /runs/` as it travels in workflow input: every field the SDK documents, unknown fields
 * refused (as for specs). A run is billed, so a misspelt `number_of_sample` must fail before any
 * HTTP call rather than start a run with the server's defaults.
 */
export const CreateRunRequestSchema = z.strictObject({
  spec_id: z.guid({ error: 'must be a UUID (8-4-4-4-12 hex digits)' }),
  number_of_samples: count(1, MAX_RUN_SAMPLES),
  spec_version: count(1).optional(),
  generation_model: model().optional(),
  outline_model: model().optional(),
  revision_model: model().optional(),
  generation_thinking_budget: count(0).optional(),
  outline_thinking_budget: count(0).optional(),
  revision_thinking_budget: count(0).optional(),
  revision_types: z.array(z.enum(RUN_REVISION_TYPES)).optional(),
  filtering_types: z.array(z.enum(RUN_FILTERING_TYPES)).optional(),
  enable_revisions: flag(),
  max_revision_cycles: count(0).optional(),
  seed_shuffling_level: z.enum(SEED_SHUFFLING_LEVELS).optional(),
  max_examples_in_prompt: count(1).optional(),
  skip_outline: flag(),
  unified_multifield: flag(),
  tools: z.array(z.string().min(1, 'must be a non-empty tool name')).optional(),
});
/** A validated create-run request. */
export type CreateRunRequest = z.infer<typeof CreateRunRequestSchema>;

/**
 * `POST /evaluations/`: the run to evaluate and, optionally, the model (the API's default otherwise).
 * Unknown fields refused, like every create request.
 */
export const CreateEvaluationRequestSchema = z.strictObject({
  run_id: z.guid({ error: 'must be a UUID (8-4-4-4-12 hex digits)' }),
  evaluation_model: model().optional(),
});
/** A validated create-evaluation request. */
export type CreateEvaluationRequest = z.infer<typeof CreateEvaluationRequestSchema>;

/** Validates a create-run request; throws `InvalidRequestError` naming every failing field. */
export function validateCreateRunRequest(input: unknown): CreateRunRequest {
  return validateWith(CreateRunRequestSchema, input, 'create-run');
}

/** Validates a create-evaluation request; throws `InvalidRequestError` naming every failing field. */
export function validateCreateEvaluationRequest(input: unknown): CreateEvaluationRequest {
  return validateWith(CreateEvaluationRequestSchema, input, 'create-evaluation');
}

function validateWith<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const isObject = typeof input === 'object' && input !== null && !Array.isArray(input);
  throw new InvalidRequestError(
    `Invalid ${what} request: ${isObject ? formatZodIssues(result.error.issues) : 'must be an object'}`,
  );
}
