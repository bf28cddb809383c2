// Server-side validation of `POST /runs/` and `POST /evaluations/`, written from the SDK's types
// (independent of our client, so the simulator stays an independent oracle). DRF-shaped errors;
// unknown fields are refused, as for specs, so a client drifting from the SDK fails loudly.
import { type FieldErrors } from './create-validation';

/** Request fields of `POST /runs/` (pydataframer 0.19.2). */
export const CREATE_RUN_FIELDS = [
  'spec_id',
  'number_of_samples',
  'spec_version',
  'generation_model',
  'outline_model',
  'revision_model',
  'generation_thinking_budget',
  'outline_thinking_budget',
  'revision_thinking_budget',
  'revision_types',
  'filtering_types',
  'enable_revisions',
  'max_revision_cycles',
  'seed_shuffling_level',
  'max_examples_in_prompt',
  'skip_outline',
  'unified_multifield',
  'tools',
] as const;

/** Request fields of `POST /evaluations/`. */
export const CREATE_EVALUATION_FIELDS = ['run_id', 'evaluation_model'] as const;

/** Largest `number_of_samples` a run accepts. */
export const MAX_SAMPLES_PER_RUN = 20_000;

type Rule =
  | { kind: 'uuid' | 'string' | 'boolean' }
  | { kind: 'int'; min: number; max?: number }
  | { kind: 'choice' | 'list'; choices: readonly string[] };

const RUN_RULES: Record<(typeof CREATE_RUN_FIELDS)[number], Rule> = {
  spec_id: { kind: 'uuid' },
  number_of_samples: { kind: 'int', min: 1, max: MAX_SAMPLES_PER_RUN },
  spec_version: { kind: 'int', min: 1 },
  generation_model: { kind: 'string' },
  outline_model: { kind: 'string' },
  revision_model: { kind: 'string' },
  generation_thinking_budget: { kind: 'int', min: 0 },
  outline_thinking_budget: { kind: 'int', min: 0 },
  revision_thinking_budget: { kind: 'int', min: 0 },
  revision_types: { kind: 'list', choices: ['coherence_flow', 'consistency', 'distinguishability', 'conformance'] },
  filtering_types: { kind: 'list', choices: ['structural', 'conformance'] },
  enable_revisions: { kind: 'boolean' },
  max_revision_cycles: { kind: 'int', min: 0 },
  seed_shuffling_level: { kind: 'choice', choices: ['none', 'sample', 'field', 'prompt'] },
  max_examples_in_prompt: { kind: 'int', min: 1 },
  skip_outline: { kind: 'boolean' },
  unified_multifield: { kind: 'boolean' },
  tools: { kind: 'list', choices: ['calculator'] },
};

const EVALUATION_RULES: Record<(typeof CREATE_EVALUATION_FIELDS)[number], Rule> = {
  run_id: { kind: 'uuid' },
  evaluation_model: { kind: 'string' },
};

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Outcome of a validation: the body's fields as sent, or DRF errors. */
export type JobValidation = { ok: true; fields: Record<string, unknown> } | { ok: false; errors: FieldErrors };

/** Validates the shape of a create-run body (the spec's existence and status are checked by the handler). */
export function validateCreateRun(body: unknown): JobValidation {
  return validateFields(body, RUN_RULES, ['spec_id', 'number_of_samples']);
}

/** Validates the shape of a create-evaluation body. */
export function validateCreateEvaluation(body: unknown): JobValidation {
  return validateFields(body, EVALUATION_RULES, ['run_id']);
}

function validateFields(body: unknown, rules: Record<string, Rule>, required: string[]): JobValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: { non_field_errors: ['Invalid data. Expected a dictionary.'] } };
  }
  const fields = body as Record<string, unknown>;
  const errors: FieldErrors = {};
  const unknown = Object.keys(fields).filter((key) => !Object.hasOwn(rules, key));
  if (unknown.length > 0) errors.non_field_errors = [`Unknown field(s): ${unknown.join(', ')}.`];
  for (const key of required) if (fields[key] === undefined) errors[key] = ['This field is required.'];
  for (const [key, rule] of Object.entries(rules)) {
    const value = fields[key];
    if (value === undefined) continue;
    const message = value === null ? 'This field may not be null.' : check(rule, value);
    if (message !== undefined) errors[key] = [message];
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, fields };
}

function check(rule: Rule, value: unknown): string | undefined {
  switch (rule.kind) {
    case 'uuid':
      return typeof value === 'string' && UUID_SHAPE.test(value) ? undefined : 'Must be a valid UUID.';
    case 'string':
      if (typeof value !== 'string') return 'Not a valid string.';
      return value.trim() === '' ? 'This field may not be blank.' : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'Must be a valid boolean.';
    case 'int':
      // JSON `true` is not an integer here, unlike in Python.
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'A valid integer is required.';
      if (value < rule.min) return `Ensure this value is greater than or equal to ${rule.min}.`;
      return rule.max !== undefined && value > rule.max
        ? `Ensure this value is less than or equal to ${rule.max}.`
        : undefined;
    case 'choice':
      return typeof value === 'string' && rule.choices.includes(value)
        ? undefined
        : `"${String(value)}" is not a valid choice.`;
    case 'list':
      if (!Array.isArray(value)) return 'Expected a list of items.';
      return value.every((item) => typeof item === 'string' && rule.choices.includes(item))
        ? undefined
        : `Each item must be one of: ${rule.choices.join(', ')}.`;
  }
}
