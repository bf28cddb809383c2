/** Spec-generation models the create-spec contract lists; the API may accept others. */
export const KNOWN_SPEC_GENERATION_MODELS = [
  'anthropic/claude-opus-4-6-thinking',
  'anthropic/claude-sonnet-4-6-thinking',
  'gemini/gemini-3.1-pro-preview-thinking',
  'openai/gpt-5.4-thinking',
  'databricks/databricks-claude-haiku-4-5',
  'databricks/databricks-claude-haiku-4-5-thinking',
  'databricks/databricks-claude-opus-4-6',
  'databricks/databricks-claude-opus-4-6-thinking',
  'databricks/databricks-claude-sonnet-4-6',
  'databricks/databricks-claude-sonnet-4-6-thinking',
  'databricks/databricks-gemini-3-1-pro',
  'databricks/databricks-gemini-3-1-pro-thinking',
  'databricks/databricks-gpt-5-4',
  'databricks/databricks-gpt-5-4-thinking',
] as const;

/** One of the models the contract lists. */
export type KnownSpecGenerationModel = (typeof KNOWN_SPEC_GENERATION_MODELS)[number];

/**
 * A model name: the known ones autocomplete, any other string passes, because the documented list
 * changes between doc versions and the contract's own examples use names outside it.
 */
export type SpecGenerationModelName = KnownSpecGenerationModel | (string & {});

/** The model the API uses when the request names none (the contract's default). */
export const DEFAULT_SPEC_GENERATION_MODEL = 'anthropic/claude-opus-4-6-thinking' satisfies KnownSpecGenerationModel;

const DATABRICKS_PREFIX = 'databricks/';

/** Whether a model runs on the customer's Databricks, which needs client id, secret and API base. */
export function isDatabricksModel(name: string | undefined): boolean {
  return name !== undefined && name.startsWith(DATABRICKS_PREFIX);
}

/** The evaluation model DataFramer uses when a request names none (SDK 0.19.2's docstring). */
export const DEFAULT_EVALUATION_MODEL = 'anthropic/claude-sonnet-5-thinking';
