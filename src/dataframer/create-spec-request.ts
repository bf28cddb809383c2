import { z } from 'zod';
import { InvalidRequestError } from './errors';
import { isDatabricksModel, type SpecGenerationModelName } from './models';
import { formatZodIssues } from './zod-issues';

/** Why a Databricks secret may not travel in workflow input (Temporal keeps inputs in its history). */
export const DATABRICKS_SECRET_IN_INPUT_MESSAGE =
  "must not be in workflow input (Temporal stores inputs in history): the secret belongs in the worker's " +
  'configuration, DATAFRAMER_DATABRICKS_CLIENT_SECRET, or DATAFRAMER_DATABRICKS_CLIENT_SECRETS (a JSON map of client id → secret)';

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? 'required' : `must be ${expected}`;
const text = () => z.string({ error: typeError('a string') });
const nonBlankText = () => text().refine((value) => value.trim() !== '', 'must not be empty');
const flag = () => z.boolean({ error: typeError('true or false') }).optional();

function describeUnknownKeys(keys: readonly string[]): string {
  return keys
    .map(
      (key) => `${key}: ${key === 'databricks_client_secret' ? DATABRICKS_SECRET_IN_INPUT_MESSAGE : 'unknown field'}`,
    )
    .join('; ');
}

const CreateSpecFieldsSchema = z.strictObject(
  {
    name: nonBlankText(),
    generation_objectives: text().optional(),
    dataset_id: z.guid({ error: 'must be a UUID (8-4-4-4-12 hex digits)' }).optional(),
    spec_generation_model_name: z
      .custom<SpecGenerationModelName>((value) => typeof value === 'string' && value.trim() !== '', {
        error: 'must be a non-empty model name',
      })
      .optional(),
    generate_distributions: flag(),
    generate_conditional_distributions: flag(),
    extrapolate_values: flag(),
    extrapolate_axes: flag(),
    description: text().optional(),
    databricks_client_id: nonBlankText().optional(),
    databricks_api_base: z
      .url({ protocol: /^https$/, error: 'must be an https URL (a Model Serving endpoint)' })
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? describeUnknownKeys(issue.keys) : undefined) },
);

type CreateSpecFields = z.infer<typeof CreateSpecFieldsSchema>;

/** One field of the create request, as a command line or a form needs it. */
export interface CreateSpecRequestField {
  /** DataFramer's own name, e.g. `generation_objectives`. */
  name: keyof CreateSpecFields;
  kind: 'string' | 'boolean';
  /** True when the schema alone requires it (cross-field rules may require others). */
  required: boolean;
}

/** Every field of the create request, derived from the schema (not typed twice), in the schema's order. */
export const CREATE_SPEC_REQUEST_FIELDS: readonly CreateSpecRequestField[] = Object.entries(
  CreateSpecFieldsSchema.shape,
).map(([name, schema]) => {
  const optional = schema instanceof z.ZodOptional;
  const inner: z.ZodType = optional ? (schema.unwrap() as z.ZodType) : schema;
  return {
    name: name as keyof CreateSpecFields,
    kind: inner instanceof z.ZodBoolean ? 'boolean' : 'string',
    required: !optional,
  };
});

// Written defensively: it also runs when some field already failed (so every failing path is named),
// and then a field may hold any value.
function checkCrossFieldRules(request: CreateSpecFields, ctx: z.RefinementCtx): void {
  const fail = (path: keyof CreateSpecFields, message: string) =>
    ctx.addIssue({ code: 'custom', path: [path], message });
  if (request.dataset_id === undefined) {
    const objectives = request.generation_objectives;
    if (objectives === undefined || (typeof objectives === 'string' && objectives.trim() === '')) {
      fail('generation_objectives', 'required for seedless specs (no dataset_id)');
    }
    for (const key of ['extrapolate_values', 'extrapolate_axes'] as const) {
      if (request[key] !== undefined) fail(key, 'not applicable to seedless specs (no dataset_id): remove it');
    }
  }
  if (request.generate_conditional_distributions === true && request.generate_distributions === false) {
    fail('generate_conditional_distributions', 'cannot be true when generate_distributions is false');
  }
  const model = request.spec_generation_model_name;
  if (typeof model === 'string' && isDatabricksModel(model)) {
    for (const key of ['databricks_client_id', 'databricks_api_base'] as const) {
      if (request[key] === undefined) fail(key, `required for databricks/ models (${model})`);
    }
  }
}

// The API defaults both distribution flags to true, so `generate_distributions: false` alone would
// ask for conditional distributions without distributions: say false explicitly instead.
function applyDistributionDefaults(request: CreateSpecFields): CreateSpecFields {
  if (request.generate_distributions !== false || request.generate_conditional_distributions !== undefined) {
    return request;
  }
  return { ...request, generate_conditional_distributions: false };
}

/**
 * A create-spec request as it travels in workflow input: every field of the contract except the
 * Databricks secret, unknown fields rejected, and the cross-field rules checked before any HTTP call.
 */
export const CreateSpecRequestSchema = CreateSpecFieldsSchema.check(
  z.superRefine(checkCrossFieldRules, { when: (payload) => isPlainObject(payload.value) }),
).transform(applyDistributionDefaults);

/** A validated create-spec request (no secret in it). */
export type CreateSpecRequest = z.infer<typeof CreateSpecRequestSchema>;

/** The body on the wire: the request plus the Databricks secret the worker adds from its configuration. */
export type CreateSpecBody = CreateSpecRequest & { databricks_client_secret?: string };

/**
 * Validates workflow input for creating a spec; throws `InvalidRequestError` naming every failing
 * field, e.g. `Invalid create-spec request: generation_objectives: required for seedless specs (no dataset_id)`.
 */
export function validateCreateSpecRequest(input: unknown): CreateSpecRequest {
  const result = CreateSpecRequestSchema.safeParse(input);
  if (result.success) return result.data;
  const reason = isPlainObject(input) ? formatZodIssues(result.error.issues) : 'must be an object';
  throw new InvalidRequestError(`Invalid create-spec request: ${reason}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
