// Generators of create-spec requests: valid ones of every shape the contract allows, and invalid ones
// made from a valid one by exactly one mutation, each knowing the field its message must name.
import fc from 'fast-check';
import { KNOWN_SPEC_GENERATION_MODELS, isDatabricksModel } from '../../../src/dataframer';
import { CREATE_SPEC_REQUEST_FIELDS } from '../../../src/dataframer/create-spec-request';

type Request = Record<string, unknown>;

/** Any text, ASCII or full Unicode. */
export const anyText = fc.oneof(fc.string({ unit: 'grapheme-ascii' }), fc.string({ unit: 'binary', maxLength: 30 }));
const nonBlank = anyText.filter((s) => s.trim() !== '');
const blank = fc.constantFrom('', ' ', '\n', '\t  ', '\u00a0');
const nonString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
);
const nonBoolean = fc.oneof(fc.constantFrom('true', 'false', 0, 1, null), anyText, fc.integer());
const uuid = fc.uuid().chain((id) => fc.constantFrom(id, id.toUpperCase()));
const httpsUrl = fc.webUrl({ validSchemes: ['https'] });
const otherModel = fc.oneof(
  fc.constantFrom(...KNOWN_SPEC_GENERATION_MODELS.filter((m) => !isDatabricksModel(m))),
  nonBlank.filter((m) => !isDatabricksModel(m)),
);
const databricksModel = fc.constantFrom(...KNOWN_SPEC_GENERATION_MODELS.filter((m) => isDatabricksModel(m)));
const distributionFlags = fc
  .record(
    { generate_distributions: fc.boolean(), generate_conditional_distributions: fc.boolean() },
    { requiredKeys: [] },
  )
  .filter((f) => !(f.generate_conditional_distributions === true && f.generate_distributions === false));

const seedless = fc.record(
  {
    name: nonBlank,
    generation_objectives: nonBlank,
    description: anyText,
    spec_generation_model_name: otherModel,
  },
  { requiredKeys: ['name', 'generation_objectives'] },
);
const seeded = fc.record(
  {
    name: nonBlank,
    dataset_id: uuid,
    generation_objectives: anyText,
    description: anyText,
    spec_generation_model_name: otherModel,
    extrapolate_values: fc.boolean(),
    extrapolate_axes: fc.boolean(),
  },
  { requiredKeys: ['name', 'dataset_id'] },
);
const databricks = fc.record({ model: databricksModel, id: nonBlank, base: httpsUrl });

/** A valid workflow-input request (no secret), seedless or seeded, on any model. */
export const validRequest: fc.Arbitrary<Request> = fc
  .tuple(fc.oneof(seedless, seeded), distributionFlags, fc.option(databricks, { nil: undefined }))
  .map(([base, flags, db]) => ({
    ...base,
    ...flags,
    ...(db && {
      spec_generation_model_name: db.model,
      databricks_client_id: db.id,
      databricks_api_base: db.base,
    }),
  }));

/** What validation returns for a valid request: the request, with `generate_distributions: false` made explicit. */
export function expectedValidated(request: Request): Request {
  return request.generate_distributions === false && request.generate_conditional_distributions === undefined
    ? { ...request, generate_conditional_distributions: false }
    : request;
}

/** An invalid request and the field its message must name. */
export interface InvalidCase {
  kind: string;
  input: Request;
  field: string;
}

const KNOWN = new Set<string>([...CREATE_SPEC_REQUEST_FIELDS.map((f) => f.name), 'databricks_client_secret']);
const FLAGS = [
  'generate_distributions',
  'generate_conditional_distributions',
  'extrapolate_values',
  'extrapolate_axes',
];
const TEXTS = ['generation_objectives', 'description'];

const toSeedless = (r: Request): Request => {
  const { dataset_id: _d, extrapolate_values: _v, extrapolate_axes: _a, ...rest } = r;
  return rest;
};
const without = (r: Request, key: string): Request => Object.fromEntries(Object.entries(r).filter(([k]) => k !== key));
const set = (r: Request, key: string, value: unknown): Request => ({ ...r, [key]: value });

type Mutation = fc.Arbitrary<(r: Request) => Omit<InvalidCase, 'kind'>>;
const mutations: Record<string, Mutation> = {
  nameMissing: fc.constant((r) => ({ input: without(r, 'name'), field: 'name' })),
  nameBlank: blank.map((v) => (r) => ({ input: set(r, 'name', v), field: 'name' })),
  nameNotText: nonString.map((v) => (r) => ({ input: set(r, 'name', v), field: 'name' })),
  textNotText: fc
    .tuple(fc.constantFrom(...TEXTS), nonString)
    .map(([f, v]) => (r) => ({ input: set(r, f, v), field: f })),
  seedlessNoObjectives: fc.option(blank, { nil: undefined }).map((v) => (r) => ({
    input:
      v === undefined
        ? without(toSeedless(r), 'generation_objectives')
        : set(toSeedless(r), 'generation_objectives', v),
    field: 'generation_objectives',
  })),
  datasetIdNotUuid: fc
    .oneof(
      anyText.filter((s) => !/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(s)),
      nonString,
    )
    .map((v) => (r) => ({ input: set(r, 'dataset_id', v), field: 'dataset_id' })),
  flagNotBoolean: fc
    .tuple(fc.constantFrom(...FLAGS), nonBoolean)
    .map(([f, v]) => (r) => ({ input: set(r, f, v), field: f })),
  extrapolateSeedless: fc
    .tuple(fc.constantFrom('extrapolate_values', 'extrapolate_axes'), fc.boolean())
    .map(([f, v]) => (r) => ({ input: set(toSeedless(r), f, v), field: f })),
  conditionalWithout: fc.constant((r) => ({
    input: { ...r, generate_distributions: false, generate_conditional_distributions: true },
    field: 'generate_conditional_distributions',
  })),
  modelNotName: fc
    .oneof(blank, nonString)
    .map((v) => (r) => ({ input: set(r, 'spec_generation_model_name', v), field: 'spec_generation_model_name' })),
  databricksIncomplete: fc
    .tuple(databricksModel, fc.constantFrom('databricks_client_id', 'databricks_api_base'))
    .map(([m, f]) => (r) => ({
      input: without(
        { databricks_client_id: 'c', databricks_api_base: 'https://x.example', ...r, spec_generation_model_name: m },
        f,
      ),
      field: f,
    })),
  clientIdNotText: fc
    .oneof(blank, nonString)
    .map((v) => (r) => ({ input: set(r, 'databricks_client_id', v), field: 'databricks_client_id' })),
  apiBaseNotHttps: fc
    .oneof(
      fc.webUrl({ validSchemes: ['http', 'ftp', 'wss'] }),
      anyText.filter((s) => !/^\s*https:/i.test(s)),
      nonString,
    )
    .map((v) => (r) => ({ input: set(r, 'databricks_api_base', v), field: 'databricks_api_base' })),
  unknownField: fc
    .tuple(
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !KNOWN.has(k) && k !== '__proto__'),
      fc.jsonValue(),
    )
    .map(([k, v]) => (r) => ({ input: set(r, k, v), field: k })),
  // Invalid for the client too (which takes a valid secret beside the request): blank or not text.
  secretInvalid: fc
    .oneof(blank, nonString)
    .map((v) => (r) => ({ input: set(r, 'databricks_client_secret', v), field: 'databricks_client_secret' })),
};

/** One invalid request per case: a valid one with one mutation applied. */
export const invalidRequest: fc.Arbitrary<InvalidCase> = fc
  .tuple(fc.constantFrom(...Object.keys(mutations)), validRequest)
  .chain(([kind, request]) => mutations[kind]!.map((mutate) => ({ kind, ...mutate(request) })));
