// Loads the authoritative create contract and compiles its schemas with ajv. The repository carries
// its own copy of the vendor's published description (`contract/`), so a bare clone tests alone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

export const CONTRACT_PATH = path.resolve(__dirname, '../../contract/create-spec.openapi.yaml');

interface JsonSchema {
  properties?: Record<string, JsonSchema & { enum?: string[] }>;
  [keyword: string]: unknown;
}

interface CreateOperation {
  requestBody: { content: { 'application/json': { schema: JsonSchema; examples: Record<string, { value: object }> } } };
  responses: Record<string, { content?: { 'application/json': { schema: { $ref: string } } } }>;
}

interface OpenApiDocument {
  paths: { '/api/dataframer/specs/': { post: CreateOperation } };
  components: { schemas: Record<string, JsonSchema> };
}

/** What the tests need from the contract. */
export interface CreateContract {
  requestProperties: string[];
  modelEnum: string[];
  examples: Record<string, object>;
  documentedStatuses: string[];
  /** Request schema as written, except the model enum (NOTES.md: the enum is the known set, not the only one). */
  validateRequest: ValidateFunction;
  /** The 202 body's schema, AnalyzeCreateResponse, reached through the operation's $ref. */
  validateCreateResponse: ValidateFunction;
}

export function loadCreateContract(): CreateContract {
  const document = parse(readFileSync(CONTRACT_PATH, 'utf8')) as OpenApiDocument;
  const operation = document.paths['/api/dataframer/specs/'].post;
  const media = operation.requestBody.content['application/json'];
  const requestSchema = structuredClone(media.schema);
  const modelProperty = requestSchema.properties?.spec_generation_model_name;
  const modelEnum = modelProperty?.enum ?? [];
  if (modelProperty) delete modelProperty.enum;
  const ref = operation.responses['202']?.content?.['application/json'].schema.$ref ?? '';
  const responseSchema = document.components.schemas[ref.replace('#/components/schemas/', '')];
  if (!responseSchema) throw new Error(`contract: cannot resolve ${ref}`);
  // OpenAPI 3.0 schemas carry annotations ajv's strict mode does not know; formats are checked.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return {
    requestProperties: Object.keys(media.schema.properties ?? {}),
    modelEnum,
    examples: Object.fromEntries(Object.entries(media.examples).map(([name, example]) => [name, example.value])),
    documentedStatuses: Object.keys(operation.responses),
    validateRequest: ajv.compile(requestSchema),
    validateCreateResponse: ajv.compile(responseSchema),
  };
}
