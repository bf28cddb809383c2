import assert from 'node:assert/strict';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DATAFRAMER_ERROR_KINDS,
  DataFramerError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  SpecNameConflictError,
  UnprocessableEntityError,
} from '../../src/dataframer';
import { rejectionOf, useScriptedClient } from './support/scripted-client';
import { json, text, type Reply } from './support/scripted-server';

interface StatusCase {
  title: string;
  reply: Reply;
  errorClass: abstract new (...args: never[]) => DataFramerError;
  status: number;
  /** Text after `answered <status>: `. */
  reason: string;
  retryAfterMs?: number | [min: number, max: number];
  requestId?: string;
}

const id = (status: number) => ({ 'x-request-id': `req-${status}` });
const GATEWAY_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>';

const STATUS_CASES: StatusCase[] = [
  {
    title: '400 with DRF field errors',
    reply: json(400, { dataset_id: ['Dataset is not ready.'], non_field_errors: ['Bad combination.'] }, id(400)),
    errorClass: BadRequestError,
    status: 400,
    reason: 'dataset_id: Dataset is not ready.; Bad combination.',
  },
  {
    title: '401',
    reply: json(401, { detail: 'Invalid token.' }, id(401)),
    errorClass: AuthenticationError,
    status: 401,
    reason: 'Invalid token.',
  },
  {
    title: '403',
    reply: json(403, { detail: 'You do not have permission to perform this action.' }, id(403)),
    errorClass: PermissionDeniedError,
    status: 403,
    reason: 'You do not have permission to perform this action.',
  },
  {
    title: '404',
    reply: json(404, { detail: 'Not found.' }, id(404)),
    errorClass: NotFoundError,
    status: 404,
    reason: 'Not found.',
  },
  {
    title: '408 with an empty body',
    reply: text(408, '', id(408)),
    errorClass: RequestTimeoutError,
    status: 408,
    reason: 'Request Timeout (empty body)',
  },
  {
    title: '409',
    reply: json(409, { detail: 'Spec is being updated.' }, id(409)),
    errorClass: ConflictError,
    status: 409,
    reason: 'Spec is being updated.',
  },
  {
    title: '422',
    reply: json(422, { runtime_params: { model: ['Unknown model.'] } }, id(422)),
    errorClass: UnprocessableEntityError,
    status: 422,
    reason: 'runtime_params: model: Unknown model.',
  },
  {
    title: '429 with Retry-After in seconds',
    reply: json(429, { detail: 'Request was throttled.' }, { ...id(429), 'retry-after': '7' }),
    errorClass: RateLimitError,
    status: 429,
    reason: 'Request was throttled.',
    retryAfterMs: 7_000,
  },
  {
    title: '429 with Retry-After as an HTTP-date',
    reply: (res, req) =>
      json(
        429,
        { detail: 'slow down' },
        { ...id(429), 'retry-after': new Date(Date.now() + 30_000).toUTCString() },
      )(res, req),
    errorClass: RateLimitError,
    status: 429,
    reason: 'slow down',
    retryAfterMs: [28_000, 30_000],
  },
  {
    title: '429 with retry-after-ms, which wins over Retry-After',
    reply: json(429, { detail: 'slow down' }, { ...id(429), 'retry-after-ms': '1500.5', 'retry-after': '99' }),
    errorClass: RateLimitError,
    status: 429,
    reason: 'slow down',
    retryAfterMs: 1500.5,
  },
  {
    title: '500 (request id from `request-id`)',
    reply: json(500, { detail: 'A server error occurred.' }, { 'request-id': 'alt-500' }),
    errorClass: InternalServerError,
    status: 500,
    reason: 'A server error occurred.',
    requestId: 'alt-500',
  },
  {
    title: "502 with a proxy's HTML page",
    reply: text(502, GATEWAY_PAGE, { ...id(502), 'content-type': 'text/html' }),
    errorClass: InternalServerError,
    status: 502,
    reason: '502 Bad Gateway',
  },
  {
    title: '503 with plain text and Retry-After',
    reply: text(503, 'upstream connect error or disconnect/reset before headers\n', { ...id(503), 'retry-after': '2' }),
    errorClass: InternalServerError,
    status: 503,
    reason: 'upstream connect error or disconnect/reset before headers',
    retryAfterMs: 2_000,
  },
  {
    title: '504 with an HTML page without a title',
    reply: text(
      504,
      '<html><body><h1>Gateway&nbsp;Timeout</h1>\n<p>The upstream server did not answer.</p></body></html>',
      id(504),
    ),
    errorClass: InternalServerError,
    status: 504,
    reason: 'Gateway Timeout The upstream server did not answer.',
  },
  {
    title: 'an unlisted 4xx (418)',
    reply: json(418, { detail: "I'm a teapot" }, id(418)),
    errorClass: BadRequestError,
    status: 418,
    reason: "I'm a teapot",
  },
  {
    title: 'a redirect, which is not followed',
    reply: text(301, '', { ...id(301), location: 'https://elsewhere.example/api/' }),
    errorClass: BadRequestError,
    status: 301,
    reason: 'redirect to https://elsewhere.example/api/ not followed: check baseUrl',
  },
];

describe('DataFramer error responses', () => {
  const ctx = useScriptedClient();

  for (const testCase of STATUS_CASES) {
    it(`maps ${testCase.title} to ${testCase.errorClass.name}`, async () => {
      ctx.server.reply(testCase.reply);
      const err = await rejectionOf(ctx.client.getSpec('spec-1'));
      assert.ok(err instanceof testCase.errorClass, `got ${String(err)}`);
      assert.ok(err instanceof DataFramerError);
      assert.equal(err.name, testCase.errorClass.name);
      assert.equal(err.type, err.name);
      assert.equal(err.retryable, DATAFRAMER_ERROR_KINDS[err.type].retryable);
      assert.equal(err.status, testCase.status);
      assert.equal(
        err.message,
        `DataFramer GET /api/dataframer/specs/spec-1/ answered ${testCase.status}: ${testCase.reason}`,
      );
      assert.equal(err.requestId, testCase.requestId ?? `req-${testCase.status}`);
      if (Array.isArray(testCase.retryAfterMs)) {
        const [min, max] = testCase.retryAfterMs;
        assert.ok(
          err.retryAfterMs !== undefined && err.retryAfterMs >= min && err.retryAfterMs <= max,
          `${err.retryAfterMs}`,
        );
      } else {
        assert.equal(err.retryAfterMs, testCase.retryAfterMs);
      }
    });
  }

  it('keeps a JSON error body parsed and an HTML one as text', async () => {
    ctx.server.reply(json(400, { name: ['This field is required.'] }), text(502, GATEWAY_PAGE));
    const jsonErr = await rejectionOf(ctx.client.getSpec('a'));
    const htmlErr = await rejectionOf(ctx.client.getSpec('b'));
    assert.deepEqual((jsonErr as DataFramerError).body, { name: ['This field is required.'] });
    assert.equal((htmlErr as DataFramerError).body, GATEWAY_PAGE);
  });

  it('cuts a large error body to a 2 KB excerpt', async () => {
    ctx.server.reply(text(500, `<html><title>oops</title>${'é'.repeat(5_000)}</html>`));
    const err = (await rejectionOf(ctx.client.getSpec('a'))) as DataFramerError;
    assert.equal(typeof err.body, 'string');
    assert.ok(Buffer.byteLength(err.body as string) <= 2048);
    assert.equal(err.message, 'DataFramer GET /api/dataframer/specs/a/ answered 500: oops');
  });

  it('recognises a duplicate spec name on create as SpecNameConflictError (not retryable)', async () => {
    ctx.server.reply(json(400, { name: ['spec with this name already exists'] }, { 'x-request-id': 'dup-1' }));
    const err = await rejectionOf(ctx.client.createSpec({ name: 'Dup', generation_objectives: 'reviews' }));
    assert.ok(err instanceof SpecNameConflictError);
    assert.ok(err instanceof BadRequestError, 'still a refused request for code that handles those');
    assert.equal(err.type, 'SpecNameConflictError');
    assert.equal(err.retryable, false);
    assert.equal(err.status, 400);
    assert.equal(err.requestId, 'dup-1');
    assert.equal(
      err.message,
      'DataFramer POST /api/dataframer/specs/ answered 400: name: spec with this name already exists',
    );
  });

  it('recognises a duplicate name stated in `detail`, and leaves other create 400s alone', async () => {
    ctx.server.reply(
      json(409, { detail: 'A spec with name "Dup" already exists.' }),
      json(400, { dataset_id: ['Dataset does not exist.'] }),
    );
    const request = { name: 'Dup', generation_objectives: 'reviews' };
    assert.ok((await rejectionOf(ctx.client.createSpec(request))) instanceof SpecNameConflictError);
    const other = await rejectionOf(ctx.client.createSpec(request));
    assert.ok(other instanceof BadRequestError && !(other instanceof SpecNameConflictError));
  });
});
