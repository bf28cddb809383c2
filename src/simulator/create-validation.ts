// Server-side validation of `POST /api/dataframer/specs/`, written from the contract and NOTES.md
// (independent of our client, so the simulator stays an independent oracle). Errors are DRF-shaped:
// `{ field: [messages] }`, or `{ non_field_errors: [...] }`.

/** Request fields the simulator accepts; must equal the contract's property list. */
export const CREATE_SPEC_FIELDS = [
  'name',
  'generation_objectives',
  'dataset_id',
  'spec_generation_model_name',
  'generate_distributions',
  'generate_conditional_distributions',
  'extrapolate_values',
  'extrapolate_axes',
  'description',
  'databricks_client_id',
  'databricks_client_secret',
  'databricks_api_base',
] as const;

const BOOLEAN_FIELDS = new Set<string>([
  'generate_distributions',
  'generate_conditional_distributions',
  'extrapolate_values',
  'extrapolate_axes',
]);
const DATABRICKS_FIELDS = ['databricks_client_id', 'databricks_client_secret', 'databricks_api_base'] as const;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Model used when the request names none (the contract's default). */
export const DEFAULT_SPEC_GENERATION_MODEL = 'anthropic/claude-opus-4-6-thinking';

/** DRF-style validation errors. */
export type FieldErrors = Record<string, string[]>;

/** A create request that passed validation. */
export interface CreateSpecInput {
  name: string;
  description: string | null;
  datasetId: string | null;
  generationObjectives: string | null;
  model: string;
  generateDistributions: boolean;
  generateConditionalDistributions: boolean;
  /** Only for seeded specs. */
  extrapolateValues?: boolean;
  /** Only for seeded specs. */
  extrapolateAxes?: boolean;
}

/** Outcome of `validateCreateSpec`. */
export type CreateValidation = { ok: true; input: CreateSpecInput } | { ok: false; errors: FieldErrors };

type Body = Record<string, unknown>;

/**
 * Validates a parsed JSON body. Stricter than DRF in one deliberate way: a field the contract does
 * not list is rejected, so a client that drifts from the contract fails loudly against the simulator.
 */
export function validateCreateSpec(body: unknown): CreateValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      errors: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${typeName(body)}.`] },
    };
  }
  const fields = body as Body;
  const errors: FieldErrors = {};
  checkShapes(fields, errors);
  if (Object.keys(errors).length === 0) checkRules(fields, errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: toInput(fields) };
}

function checkShapes(body: Body, errors: FieldErrors): void {
  const known = new Set<string>(CREATE_SPEC_FIELDS);
  const unknown = Object.keys(body).filter((key) => !known.has(key));
  if (unknown.length > 0) addError(errors, 'non_field_errors', `Unknown field(s): ${unknown.join(', ')}.`);
  for (const [key, value] of Object.entries(body)) {
    if (!known.has(key) || value === undefined) continue;
    if (value === null) addError(errors, key, 'This field may not be null.');
    else if (BOOLEAN_FIELDS.has(key) && typeof value !== 'boolean') addError(errors, key, 'Must be a valid boolean.');
    else if (!BOOLEAN_FIELDS.has(key) && typeof value !== 'string') addError(errors, key, 'Not a valid string.');
  }
}

function checkRules(body: Body, errors: FieldErrors): void {
  const name = stringField(body, 'name');
  if (name === undefined) addError(errors, 'name', 'This field is required.');
  else if (name.trim() === '') addError(errors, 'name', 'This field may not be blank.');
  const datasetId = stringField(body, 'dataset_id');
  if (datasetId !== undefined && !UUID_SHAPE.test(datasetId)) addError(errors, 'dataset_id', 'Must be a valid UUID.');
  if (datasetId === undefined) checkSeedlessRules(body, errors);
  if (body.generate_conditional_distributions === true && body.generate_distributions === false) {
    addError(errors, 'generate_conditional_distributions', 'Requires generate_distributions to be true.');
  }
  const model = stringField(body, 'spec_generation_model_name');
  if (model?.startsWith('databricks/')) {
    for (const field of DATABRICKS_FIELDS) {
      if (!stringField(body, field)?.trim())
        addError(errors, field, 'This field is required when using databricks/ models.');
    }
  }
}

function checkSeedlessRules(body: Body, errors: FieldErrors): void {
  if (!stringField(body, 'generation_objectives')?.trim()) {
    addError(
      errors,
      'generation_objectives',
      'This field is required for seedless specs (when dataset_id is omitted).',
    );
  }
  for (const field of ['extrapolate_values', 'extrapolate_axes']) {
    if (body[field] !== undefined) addError(errors, field, 'Not applicable for seedless specs.');
  }
}

function toInput(body: Body): CreateSpecInput {
  const datasetId = stringField(body, 'dataset_id')?.toLowerCase() ?? null;
  const generateDistributions = booleanField(body, 'generate_distributions') ?? true;
  const input: CreateSpecInput = {
    name: stringField(body, 'name') ?? '',
    description: stringField(body, 'description') ?? null,
    datasetId,
    generationObjectives: stringField(body, 'generation_objectives') ?? null,
    model: stringField(body, 'spec_generation_model_name') ?? DEFAULT_SPEC_GENERATION_MODEL,
    generateDistributions,
    // Conditional distributions need distributions, so the default follows generate_distributions.
    generateConditionalDistributions: booleanField(body, 'generate_conditional_distributions') ?? generateDistributions,
  };
  if (datasetId !== null) {
    input.extrapolateValues = booleanField(body, 'extrapolate_values') ?? true;
    input.extrapolateAxes = booleanField(body, 'extrapolate_axes') ?? false;
  }
  return input;
}

function stringField(body: Body, key: string): string | undefined {
  const value = body[key];
  return typeof value === 'string' ? value : undefined;
}

function booleanField(body: Body, key: string): boolean | undefined {
  const value = body[key];
  return typeof value === 'boolean' ? value : undefined;
}

function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}

/** Python's name for a JSON value's type, as DRF would print it. */
function typeName(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}
