// Create-spec requests for the validation tests: the contract's examples and a table of invalid ones.

export const DATASET_ID = 'a1b2c3d4-e5f6-7890-abcd-ef1234567890';
export const SEEDLESS = { name: 'Product Reviews Spec', generation_objectives: 'Generate realistic product reviews.' };
export const SEEDED = { name: 'Customer Support Conversations Spec', dataset_id: DATASET_ID };
export const DATABRICKS = {
  ...SEEDLESS,
  spec_generation_model_name: 'databricks/databricks-claude-sonnet-4-6',
  databricks_client_id: 'client-1',
  databricks_api_base: 'https://adb-123.azuredatabricks.net/serving-endpoints',
};

/** Invalid workflow input, and what the message must say about it (`field: ...`). */
export const INVALID_REQUESTS: { title: string; input: unknown; expect: (string | RegExp)[] }[] = [
  {
    title: 'empty object',
    input: {},
    expect: ['name: required', 'generation_objectives: required for seedless specs (no dataset_id)'],
  },
  { title: 'empty name', input: { ...SEEDLESS, name: '' }, expect: ['name: must not be empty'] },
  { title: 'blank name', input: { ...SEEDLESS, name: '   ' }, expect: ['name: must not be empty'] },
  { title: 'numeric name', input: { ...SEEDLESS, name: 42 }, expect: ['name: must be a string'] },
  { title: 'null name', input: { ...SEEDLESS, name: null }, expect: ['name: must be a string'] },
  { title: 'null request', input: null, expect: ['must be an object'] },
  { title: 'array request', input: [SEEDLESS], expect: ['must be an object'] },
  { title: 'string request', input: 'make me a spec', expect: ['must be an object'] },
  {
    title: 'seedless without objectives',
    input: { name: 'x' },
    expect: ['generation_objectives: required for seedless'],
  },
  {
    title: 'seedless with blank objectives',
    input: { name: 'x', generation_objectives: ' \n ' },
    expect: ['generation_objectives: required for seedless'],
  },
  {
    title: 'objectives not a string',
    input: { ...SEEDED, generation_objectives: 5 },
    expect: ['generation_objectives: must be a string'],
  },
  {
    title: 'dataset_id not an id',
    input: { ...SEEDED, dataset_id: 'dataset-7' },
    expect: ['dataset_id: must be a UUID'],
  },
  { title: 'empty dataset_id', input: { ...SEEDED, dataset_id: '' }, expect: ['dataset_id: must be a UUID'] },
  {
    title: 'dataset_id without dashes',
    input: { ...SEEDED, dataset_id: 'a1b2c3d4e5f67890abcdef1234567890' },
    expect: ['dataset_id: must be a UUID'],
  },
  {
    title: 'dataset_id with non-hex digits',
    input: { ...SEEDED, dataset_id: 'g1b2c3d4-e5f6-7890-abcd-ef1234567890' },
    expect: ['dataset_id: must be a UUID'],
  },
  { title: 'numeric dataset_id', input: { ...SEEDED, dataset_id: 7 }, expect: ['dataset_id: must be a UUID'] },
  {
    title: 'string boolean',
    input: { ...SEEDED, generate_distributions: 'true' },
    expect: ['generate_distributions: must be true or false'],
  },
  {
    title: 'numeric boolean',
    input: { ...SEEDED, generate_conditional_distributions: 1 },
    expect: ['generate_conditional_distributions: must be true or false'],
  },
  {
    title: 'conditional distributions without distributions',
    input: { ...SEEDED, generate_distributions: false, generate_conditional_distributions: true },
    expect: ['generate_conditional_distributions: cannot be true when generate_distributions is false'],
  },
  {
    title: 'seedless extrapolate_values',
    input: { ...SEEDLESS, extrapolate_values: true },
    expect: ['extrapolate_values: not applicable to seedless specs'],
  },
  {
    title: 'seedless extrapolate_axes',
    input: { ...SEEDLESS, extrapolate_axes: false },
    expect: ['extrapolate_axes: not applicable to seedless specs'],
  },
  {
    title: 'string extrapolate_axes',
    input: { ...SEEDED, extrapolate_axes: 'false' },
    expect: ['extrapolate_axes: must be true or false'],
  },
  {
    title: 'databricks model without credentials',
    input: { ...SEEDLESS, spec_generation_model_name: 'databricks/databricks-gpt-5-4' },
    expect: [
      'databricks_client_id: required for databricks/ models',
      'databricks_api_base: required for databricks/ models',
    ],
  },
  {
    title: 'unknown databricks model without API base',
    input: {
      ...SEEDLESS,
      spec_generation_model_name: 'databricks/system.ai.gpt-6-astra-thinking',
      databricks_client_id: 'c',
    },
    expect: ['databricks_api_base: required for databricks/ models'],
  },
  {
    title: 'API base not a URL',
    input: { ...DATABRICKS, databricks_api_base: 'adb-123' },
    expect: ['databricks_api_base: must be an https URL'],
  },
  {
    title: 'API base over http',
    input: { ...DATABRICKS, databricks_api_base: 'http://adb-123.net/serving-endpoints' },
    expect: ['databricks_api_base: must be an https URL'],
  },
  {
    title: 'empty client id',
    input: { ...DATABRICKS, databricks_client_id: '' },
    expect: ['databricks_client_id: must not be empty'],
  },
  {
    title: 'Databricks secret in workflow input',
    input: { ...DATABRICKS, databricks_client_secret: 'dbx-input-SECRET' },
    expect: [
      'databricks_client_secret: must not be in workflow input',
      'DATAFRAMER_DATABRICKS_CLIENT_SECRET,',
      'DATAFRAMER_DATABRICKS_CLIENT_SECRETS (a JSON map',
    ],
  },
  {
    title: 'misspelt field',
    input: { ...SEEDED, generate_distribution: true },
    expect: ['generate_distribution: unknown field'],
  },
  { title: 'camelCase field', input: { ...SEEDLESS, datasetId: DATASET_ID }, expect: ['datasetId: unknown field'] },
  {
    title: 'empty model name',
    input: { ...SEEDED, spec_generation_model_name: '' },
    expect: ['spec_generation_model_name: must be a non-empty model name'],
  },
  {
    title: 'numeric model name',
    input: { ...SEEDED, spec_generation_model_name: 4 },
    expect: ['spec_generation_model_name: must be a non-empty model name'],
  },
  { title: 'numeric description', input: { ...SEEDED, description: 12 }, expect: ['description: must be a string'] },
  {
    title: 'several faults at once',
    input: { dataset_id: 'nope', extra: 1, generate_distributions: 'no' },
    expect: [
      'name: required',
      'dataset_id: must be a UUID',
      'extra: unknown field',
      'generate_distributions: must be true or false',
    ],
  },
];
