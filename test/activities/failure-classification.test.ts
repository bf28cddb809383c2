import assert from 'node:assert/strict';
import type { ApplicationFailure } from '@temporalio/common';
import {
  createActivities,
  REJECTED_KEY_RETRY_DELAY_MS,
  SPEC_NOT_YET_VISIBLE_TYPE,
  toApplicationFailure,
  UNEXPECTED_ERROR_TYPE,
} from '../../src/activities';
import {
  MIN_RETRY_DELAY_MS,
  AWAIT_SPEC_RETRY_POLICY,
  CREATE_SPEC_RETRY_POLICY,
  DELETE_SPEC_RETRY_POLICY,
  GET_SPEC_STATUS_RETRY_POLICY,
} from '../../src/common/activity-policies';
import {
  AWAIT_JOB_RETRY_POLICY,
  CANCEL_RUN_RETRY_POLICY,
  CREATE_JOB_RETRY_POLICY,
  GET_JOB_STATUS_RETRY_POLICY,
} from '../../src/common/job-activity-policies';
import { WORKFLOW_FAILURE_TYPES } from '../../src/common/failure-types';
import * as dataframer from '../../src/dataframer';
import { DATAFRAMER_ERROR_KINDS, DataFramerClient, type DataFramerErrorType } from '../../src/dataframer';
import { hang, json, resetSocket, ScriptedServer, text, type Reply } from '../dataframer/support/scripted-server';
import { ApiHealth } from '../../src/activities';
import { CapturingLogger, inAttempt, failureOf, rejectionOf } from './support/activity-harness';

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

interface Row {
  what: string;
  reply: Reply;
  type: DataFramerErrorType;
  nonRetryable: boolean;
  nextRetryDelay?: number;
  /** Client with short timeouts (for the timeout row). */
  quick?: boolean;
  /** How a status read of a spec that exists ends instead, when that differs from the client's error. */
  read?: { type: string; nonRetryable: boolean; nextRetryDelay?: number };
}

// 401/403 on reading a spec that exists: the key is wrong (rotated under the worker), which a person
// fixes; the read waits a minute and tries again instead of dropping a spec being generated.
const REJECTED_KEY_READ = {
  type: WORKFLOW_FAILURE_TYPES.ApiKeyRejected,
  nonRetryable: false,
  nextRetryDelay: REJECTED_KEY_RETRY_DELAY_MS,
};

// What a status read answers, row by row: the table docs/errors-and-adoption.md's "Errors" shows.
const ROWS: Row[] = [
  { what: '400', reply: json(400, { detail: 'Bad parameters.' }), type: 'BadRequestError', nonRetryable: true },
  {
    what: '401',
    reply: json(401, { detail: 'Invalid token.' }),
    type: 'AuthenticationError',
    nonRetryable: true,
    read: REJECTED_KEY_READ,
  },
  {
    what: '403',
    reply: json(403, { detail: 'Forbidden.' }),
    type: 'PermissionDeniedError',
    nonRetryable: true,
    read: REJECTED_KEY_READ,
  },
  { what: '404', reply: json(404, { detail: 'Not found.' }), type: 'NotFoundError', nonRetryable: true },
  { what: '408', reply: json(408, { detail: 'Timeout.' }), type: 'RequestTimeoutError', nonRetryable: false },
  { what: '409', reply: json(409, { detail: 'Busy.' }), type: 'ConflictError', nonRetryable: false },
  { what: '422', reply: json(422, { detail: 'No.' }), type: 'UnprocessableEntityError', nonRetryable: true },
  {
    what: '429 Retry-After: 7',
    reply: json(429, { detail: 'Throttled.' }, { 'retry-after': '7' }),
    type: 'RateLimitError',
    nonRetryable: false,
    nextRetryDelay: 7_000,
  },
  {
    what: '429 retry-after-ms: 1500',
    reply: json(429, { detail: 'Throttled.' }, { 'retry-after-ms': '1500' }),
    type: 'RateLimitError',
    nonRetryable: false,
    nextRetryDelay: 1_500,
  },
  // A zero nextRetryDelay tells the server not to retry at all: a zero, negative or past value waits
  // the floor instead.
  ...(
    [
      ['429 Retry-After: 0', { 'retry-after': '0' }],
      ['429 Retry-After: -5', { 'retry-after': '-5' }],
      ['429 Retry-After: a past HTTP date', { 'retry-after': new Date(Date.now() - 60_000).toUTCString() }],
      ['429 retry-after-ms: 0', { 'retry-after-ms': '0' }],
      ['429 retry-after-ms: 0.4', { 'retry-after-ms': '0.4' }],
    ] as const
  ).map(([what, headers]) => ({
    what,
    reply: json(429, { detail: 'Throttled.' }, headers),
    type: 'RateLimitError' as const,
    nonRetryable: false,
    nextRetryDelay: MIN_RETRY_DELAY_MS,
  })),
  {
    what: '500',
    reply: json(500, { detail: 'A server error occurred.' }),
    type: 'InternalServerError',
    nonRetryable: false,
  },
  {
    what: '502 HTML',
    reply: text(502, HTML_502, { 'content-type': 'text/html' }),
    type: 'InternalServerError',
    nonRetryable: false,
  },
  {
    what: '503 Retry-After: 3',
    reply: text(503, 'Service Unavailable', { 'retry-after': '3' }),
    type: 'InternalServerError',
    nonRetryable: false,
    nextRetryDelay: 3_000,
  },
  { what: 'reset', reply: resetSocket, type: 'ConnectionError', nonRetryable: false },
  { what: 'headers timeout', reply: hang, type: 'TimeoutError', nonRetryable: false, quick: true },
  { what: '200 HTML', reply: text(200, HTML_502), type: 'InvalidResponseError', nonRetryable: false },
];

describe('failure classification', () => {
  let server: ScriptedServer;
  let client: DataFramerClient;
  let quickClient: DataFramerClient;

  before(async () => {
    server = await ScriptedServer.start();
    client = new DataFramerClient({ baseUrl: server.baseUrl, apiKey: 'sk-test-key' });
    quickClient = new DataFramerClient({ baseUrl: server.baseUrl, apiKey: 'sk-test-key', headersTimeoutMs: 150 });
  });
  afterEach(() => server.reset());
  after(async () => {
    await Promise.all([client.close(), quickClient.close()]);
    await server.close();
  });

  for (const row of ROWS) {
    it(`${row.what} → ${row.type}, ${row.nonRetryable ? 'not retried' : 'retried'}`, async () => {
      const use = row.quick ? quickClient : client;
      server.reply(row.reply, row.reply);
      // The activity's own failure...
      const failure = await failureOf(inAttempt({}, () => createActivities({ client: use }).getSpecStatus('spec-1')));
      // ...and toApplicationFailure on the client's error: the same classification.
      const direct = toApplicationFailure(await rejectionOf(use.getSpec('spec-1'))) as ApplicationFailure;
      for (const [what, f, expected] of [
        ['activity', failure, row.read ?? row],
        ['toApplicationFailure', direct, row],
      ] as const) {
        assert.equal(f.type, expected.type, what);
        assert.equal(f.nonRetryable, expected.nonRetryable, what);
        assert.equal(f.nextRetryDelay, expected.nextRetryDelay, what);
      }
      assert.match(failure.message, row.what.startsWith('502') ? /502: 502 Bad Gateway/ : /\S/);
      const details = failure.details?.[0] as { status?: number } | undefined;
      if (/^\d{3}/.test(row.what)) assert.equal(details?.status, Number(row.what.slice(0, 3)));
    });
  }

  it('createSpec: 401 and 403 still fail at once (nothing exists yet, nothing is lost)', async () => {
    for (const status of [401, 403]) {
      server.reply(json(status, { detail: 'Invalid token.' }));
      const failure = await failureOf(
        inAttempt({}, () => createActivities({ client }).createSpec({ name: 'k', generation_objectives: 'reviews' })),
      );
      assert.equal(failure.type, status === 401 ? 'AuthenticationError' : 'PermissionDeniedError');
      assert.equal(failure.nonRetryable, true);
    }
  });

  it('a rejected key on reads: ERROR logged at most once a minute, each read counted', async () => {
    let now = 0;
    const health = new ApiHealth(() => now);
    const logger = new CapturingLogger();
    const activities = createActivities({ client, health });
    for (let i = 0; i < 5; i++) {
      server.reply(json(401, { detail: 'Invalid token.' }));
      const failure = await failureOf(inAttempt({}, () => activities.getSpecStatus('spec-1'), logger));
      assert.match(failure.message, /fix the worker's DATAFRAMER_API_KEY/);
      now += 20_000;
    }
    const errors = logger.lines.filter((line) => line.level === 'ERROR');
    assert.equal(errors.length, 2, JSON.stringify(errors));
    assert.match(errors[0]!.message, /fix the worker's DATAFRAMER_API_KEY/);
    assert.ok(!JSON.stringify(logger.lines).includes('sk-test-key'));
    assert.equal(health.counts().rejectedKeyReads, 5);
  });

  it('createSpec: a 409 without a name conflict stays a retryable ConflictError (after a name lookup)', async () => {
    server.reply(json(409, { detail: 'Busy.' }), json(200, []));
    const activities = createActivities({ client });
    const failure = await failureOf(
      inAttempt({}, () => activities.createSpec({ name: 'busy', generation_objectives: 'reviews' })),
    );
    assert.equal(failure.type, 'ConflictError');
    assert.equal(failure.nonRetryable, false);
  });

  it('scrubs a worker secret the client did not know, even across the cut of its message and body', async () => {
    const secret = 'dbx-WORKER-SECRET-42';
    server.reply(
      text(500, `${'z'.repeat(290)}${secret}${'w'.repeat(50)}`),
      text(500, `${'z'.repeat(2040)}${secret}${'w'.repeat(50)}`),
    );
    for (let i = 0; i < 2; i++) {
      const failure = toApplicationFailure(await rejectionOf(client.getSpec('spec-1')), {}, [
        secret,
      ]) as ApplicationFailure;
      const everything = `${failure.message} ${JSON.stringify(failure.details)}`;
      assert.ok(!everything.includes(secret.slice(0, 4)), `a prefix of the secret leaked: ${everything.slice(-200)}`);
    }
  });

  it('every DataFramer error class becomes a failure of its own name, non-retryable exactly when its kind is', () => {
    for (const [type, kind] of Object.entries(DATAFRAMER_ERROR_KINDS)) {
      const ErrorClass = (dataframer as unknown as Record<string, new (message: string) => Error>)[type];
      assert.ok(ErrorClass, `${type} is exported`);
      const failure = toApplicationFailure(new ErrorClass('boom')) as ApplicationFailure;
      assert.equal(failure.type, type);
      assert.equal(failure.nonRetryable, !kind.retryable, type);
    }
  });

  it('a plain Error is an UnexpectedError, retryable; a cancellation passes through', () => {
    const failure = toApplicationFailure(new TypeError('oops')) as ApplicationFailure;
    assert.equal(failure.type, UNEXPECTED_ERROR_TYPE);
    assert.equal(failure.nonRetryable, false);
    const abort = new DOMException('aborted', 'AbortError');
    assert.equal(toApplicationFailure(abort), abort);
  });

  it('the retry policies list exactly the non-retryable types, derived from the kinds table', () => {
    const permanentKinds = Object.entries(DATAFRAMER_ERROR_KINDS)
      .filter(([, kind]) => !kind.retryable)
      .map(([type]) => type);
    const retryableKinds = Object.entries(DATAFRAMER_ERROR_KINDS)
      .filter(([, kind]) => kind.retryable)
      .map(([type]) => type);
    const expected = [
      ...permanentKinds,
      WORKFLOW_FAILURE_TYPES.InvalidInput,
      WORKFLOW_FAILURE_TYPES.SpecGenerationFailed,
      WORKFLOW_FAILURE_TYPES.SpecDeadlineExceeded,
      WORKFLOW_FAILURE_TYPES.RunGenerationFailed,
      WORKFLOW_FAILURE_TYPES.RunCanceled,
      WORKFLOW_FAILURE_TYPES.EvaluationFailed,
      WORKFLOW_FAILURE_TYPES.JobDeadlineExceeded,
      WORKFLOW_FAILURE_TYPES.CreateAmbiguous,
      WORKFLOW_FAILURE_TYPES.BatchSourceUnreadable,
      WORKFLOW_FAILURE_TYPES.BatchSourceChanged,
      WORKFLOW_FAILURE_TYPES.BatchSourceFailed,
    ].sort();
    const mustRetry = [
      ...retryableKinds,
      WORKFLOW_FAILURE_TYPES.SpecStillProcessing,
      WORKFLOW_FAILURE_TYPES.ApiKeyRejected,
      SPEC_NOT_YET_VISIBLE_TYPE,
      UNEXPECTED_ERROR_TYPE,
    ];
    for (const [name, policy] of Object.entries({
      CREATE_SPEC_RETRY_POLICY,
      GET_SPEC_STATUS_RETRY_POLICY,
      AWAIT_SPEC_RETRY_POLICY,
      DELETE_SPEC_RETRY_POLICY,
      CREATE_JOB_RETRY_POLICY,
      GET_JOB_STATUS_RETRY_POLICY,
      AWAIT_JOB_RETRY_POLICY,
      CANCEL_RUN_RETRY_POLICY,
    })) {
      assert.deepEqual([...policy.nonRetryableErrorTypes].sort(), expected, name);
      for (const type of mustRetry) assert.ok(!policy.nonRetryableErrorTypes.includes(type), `${name} lists ${type}`);
    }
    assert.deepEqual(permanentKinds.sort(), [
      'AuthenticationError',
      'BadRequestError',
      'InvalidRequestError',
      'NotFoundError',
      'PermissionDeniedError',
      'SpecNameConflictError',
      'UnprocessableEntityError',
    ]);
  });
});
