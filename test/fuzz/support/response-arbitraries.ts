// Generators of malformed API answers for every read and create endpoint: bodies that are not JSON,
// JSON of the wrong type, a documented field of the wrong type, cut-off bodies, and error statuses.
import fc from 'fast-check';
import { type z } from 'zod';
import {
  CreateEvaluationResponseSchema,
  CreateRunResponseSchema,
  CreateSpecResponseSchema,
  EvaluationListSchema,
  EvaluationSchema,
  EvaluationSummarySchema,
  RunListSchema,
  RunSchema,
  RunSummarySchema,
  SpecListSchema,
  SpecSchema,
  SpecSummarySchema,
  type DataFramerClient,
} from '../../../src/dataframer';

const ID = '550e8400-e29b-41d4-a716-446655440000';

/** One endpoint: how to call it, the schema of its 2xx body, and (for lists) of one item. */
export interface Endpoint {
  name: string;
  schema: z.ZodType;
  object: z.ZodObject;
  list: boolean;
  call: (client: DataFramerClient) => Promise<unknown>;
}

const endpoint = (name: string, schema: z.ZodType, object: z.ZodObject, call: Endpoint['call'], list = false) => ({
  name,
  schema,
  object,
  list,
  call,
});

/** Every endpoint whose answer the client parses. */
export const ENDPOINTS: readonly Endpoint[] = [
  endpoint('createSpec', CreateSpecResponseSchema, CreateSpecResponseSchema, (c) =>
    c.createSpec({ name: 'n', generation_objectives: 'o' }),
  ),
  endpoint('getSpec', SpecSchema, SpecSchema, (c) => c.getSpec(ID)),
  endpoint('listSpecs', SpecListSchema, SpecSummarySchema, (c) => c.listSpecs(), true),
  endpoint('createRun', CreateRunResponseSchema, CreateRunResponseSchema, (c) =>
    c.createRun({ spec_id: ID, number_of_samples: 1 }),
  ),
  endpoint('getRun', RunSchema, RunSchema, (c) => c.getRun(ID)),
  endpoint('listRuns', RunListSchema, RunSummarySchema, (c) => c.listRuns(), true),
  endpoint('createEvaluation', CreateEvaluationResponseSchema, CreateEvaluationResponseSchema, (c) =>
    c.createEvaluation({ run_id: ID }),
  ),
  endpoint('getEvaluation', EvaluationSchema, EvaluationSchema, (c) => c.getEvaluation(ID)),
  endpoint('listRunEvaluations', EvaluationListSchema, EvaluationSummarySchema, (c) => c.listRunEvaluations(ID), true),
];

/** Whether the client would accept this 2xx body (such bodies are not malformed, so are left out). */
export function accepts(schema: z.ZodType, text: string): boolean {
  try {
    return schema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const notJson = fc.oneof(
  fc.constantFrom('', ' ', 'null,', '{', '[', '{"id":', 'undefined', 'NaN', "{'id': 'x'}", '<!-- -->'),
  fc.string().filter((s) => !isJson(s)),
  fc.string({ maxLength: 40 }).map((s) => `<html><head><title>502 Bad Gateway</title></head><body>${s}</body></html>`),
);
const notObject = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue()));

/** A body with one documented field of the wrong type (the schemas are loose, so other keys pass). */
function wrongField(object: z.ZodObject): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.constantFrom(...Object.keys(object.shape)), fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()))
    .map(([key, value, extra]) => ({ ...extra, [key]: value }));
}

function malformedJson(e: Endpoint): fc.Arbitrary<unknown> {
  if (!e.list) return fc.oneof(notObject, wrongField(e.object));
  return fc.oneof(
    fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null)),
    fc.array(fc.oneof(notObject, wrongField(e.object)), { minLength: 1, maxLength: 3 }),
    fc.record({ results: fc.oneof(notObject, fc.array(wrongField(e.object), { minLength: 1 })), next: fc.jsonValue() }),
    fc.record({ results: fc.constant([]), next: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string())) }),
  );
}

/** How the server answers one call. */
export type Answer =
  { kind: 'body'; status: number; text: string; headers: Record<string, string> } | { kind: 'truncated'; text: string };

const headerValue = fc.string({ unit: 'grapheme-ascii', maxLength: 30 });
const retryAfter = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT', '99999999999999999999'),
  fc.nat().map(String),
  headerValue,
);
const errorStatus = fc.constantFrom(
  301,
  302,
  400,
  401,
  403,
  404,
  405,
  408,
  409,
  410,
  418,
  422,
  429,
  500,
  502,
  503,
  504,
);

/** A malformed answer for `e`: a 2xx it cannot accept, an error status with any body, or a cut-off body. */
export function malformedAnswer(e: Endpoint): fc.Arbitrary<Answer> {
  const badText = fc.oneof(
    notJson,
    malformedJson(e).map((v) => JSON.stringify(v)),
  );
  return fc
    .oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('body' as const),
          status: fc.constantFrom(200, 201, 202, 203),
          text: badText,
          headers: fc.constant({}),
        }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          kind: fc.constant('body' as const),
          status: errorStatus,
          text: fc.oneof(
            badText,
            fc.jsonValue().map((v) => JSON.stringify(v)),
          ),
          headers: fc.record({ 'retry-after': retryAfter, 'x-request-id': headerValue }, { requiredKeys: [] }),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant('truncated' as const), text: fc.string({ maxLength: 30 }) }),
      },
    )
    .filter((a) => a.kind === 'truncated' || a.status >= 300 || !accepts(e.schema, a.text));
}
