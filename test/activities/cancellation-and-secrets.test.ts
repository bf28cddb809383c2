import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CancelledFailure } from '@temporalio/common';
import { createActivities, type DataFramerActivities } from '../../src/activities';
import { resolvePollSchedule } from '../../src/common/poll-schedule';
import { DataFramerClient } from '../../src/dataframer';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { json, ScriptedServer, text, type Reply } from '../dataframer/support/scripted-server';
import {
  activityEnv,
  inActivity,
  inAttempt,
  CapturingLogger,
  eventually,
  failureOf,
  rejectionOf,
  seedless,
  startWorld,
  type SimulatedWorld,
} from './support/activity-harness';

describe('cancellation and deleteSpec', () => {
  let world: SimulatedWorld;

  before(async () => {
    world = await startWorld();
  });
  after(async () => world.close());

  async function assertCancelledPromptly(run: (activities: DataFramerActivities) => Promise<unknown>) {
    const { env } = activityEnv();
    const started = Date.now();
    const outcome = rejectionOf(inActivity(env, () => run(world.activities)));
    assert.ok(await eventually(() => world.simulator.counters().inFlight === 1), 'the request reached the server');
    env.cancel();
    const err = await outcome;
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 1_000, `rejected after ${elapsed} ms`);
    assert.ok(err instanceof CancelledFailure, `expected a cancellation, got ${inspect(err)}`);
    assert.ok(await eventually(() => world.simulator.counters().inFlight === 0, 1_000), 'the server saw it closed');
    assert.equal(Object.keys(world.simulator.counters().responses).length, 0, 'the slow answer was never sent');
  }

  it('cancelling createSpec aborts its in-flight request', async () => {
    world.simulator.control.resetCounters();
    world.simulator.control.injectOnce('slowMs', { endpoint: 'create', delayMs: 5_000 });
    await assertCancelledPromptly((activities) => activities.createSpec(seedless('cancel-create')));
  });

  it('cancelling getSpecStatus aborts its in-flight request', async () => {
    const { id } = await world.client.createSpec(seedless('cancel-get'));
    world.simulator.control.resetCounters();
    world.simulator.control.injectOnce('slowMs', { endpoint: 'get', delayMs: 5_000 });
    await assertCancelledPromptly((activities) => activities.getSpecStatus(id, {}));
  });

  it('cancelling awaitSpecStatus aborts its in-flight read', async () => {
    const { id } = await world.client.createSpec(seedless('cancel-await'));
    world.simulator.control.resetCounters();
    world.simulator.control.injectOnce('slowMs', { endpoint: 'get', delayMs: 5_000 });
    const input = { specId: id, schedule: resolvePollSchedule(), readsBefore: 0, firstWaitMs: 0 };
    await assertCancelledPromptly((activities) => activities.awaitSpecStatus(input, {}));
  });

  it('deleteSpec deletes; a spec already gone answers { deleted: false }; a 500 is retryable', async () => {
    const { id } = await world.client.createSpec(seedless('delete'));
    assert.deepEqual(await inAttempt({}, () => world.activities.deleteSpec(id)), { deleted: true });
    assert.ok(!world.simulator.specs().some((spec) => spec.id === id));
    assert.deepEqual(await inAttempt({}, () => world.activities.deleteSpec(id)), { deleted: false });
    world.simulator.control.injectOnce('http500', { endpoint: 'delete' });
    const failure = await failureOf(inAttempt({}, () => world.activities.deleteSpec('any-id')));
    assert.equal(failure.type, 'InternalServerError');
    assert.equal(failure.nonRetryable, false);
  });
});

const API_KEY = 'sk-live-SECRET-42';
const DATABRICKS_SECRET = 'dbx-SECRET-7';
const DATABRICKS_REQUEST = {
  name: 'dbx-spec',
  generation_objectives: 'Support tickets',
  spec_generation_model_name: 'databricks/databricks-gpt-5-4',
  databricks_client_id: 'client-a',
  databricks_api_base: 'https://adb-1.azuredatabricks.net/serving-endpoints',
};

/** A server that answers everything with the request's headers and body echoed back, as a careless proxy might. */
function echoServerReply(lastPostBody: { value: string }): Reply {
  return (res, req) => {
    if (req.method === 'POST') lastPostBody.value = req.body;
    const echo = { detail: `denied for ${req.headers.authorization ?? ''}`, headers: req.headers, body: req.body };
    if (req.method === 'GET' && /\/specs\/ok\//.test(req.url)) {
      // A 2xx spec whose runtime_params echo the create body, secret included.
      json(200, { id: 'ok', status: 'SUCCEEDED', content_yaml: 'a: 1', runtime_params: lastPostBody.value })(res, req);
    } else if (req.method === 'DELETE') {
      text(502, `<html><title>${req.headers.authorization ?? ''}</title><body>${lastPostBody.value}</body></html>`, {
        'content-type': 'text/html',
      })(res, req);
    } else {
      json(400, echo)(res, req);
    }
  };
}

describe('secrets never leave the activities', () => {
  const logger = new CapturingLogger();
  const outcomes: { what: string; value: unknown }[] = [];
  let wrongKeySimulator: RunningSimulator;
  let faultySimulator: RunningSimulator;
  let echo: ScriptedServer;
  const clients: DataFramerClient[] = [];

  before(async () => {
    [wrongKeySimulator, faultySimulator, echo] = await Promise.all([
      startSimulator({ apiKey: 'sim-the-right-key', completion: { manual: true } }),
      startSimulator({ apiKey: API_KEY, completion: { manual: true } }),
      ScriptedServer.start(),
    ]);
    echo.always(echoServerReply({ value: '' }));
  });
  after(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all([wrongKeySimulator.close(), faultySimulator.close(), echo.close()]);
  });

  /** Activities whose client knows only the API key: the activities must scrub the Databricks secret themselves. */
  function activitiesOn(baseUrl: string): DataFramerActivities {
    const client = new DataFramerClient({ baseUrl, apiKey: API_KEY });
    clients.push(client);
    return createActivities({ client, databricksSecrets: { byClientId: { 'client-a': DATABRICKS_SECRET } } });
  }

  async function record(what: string, attempt: number, run: (activities: DataFramerActivities) => Promise<unknown>) {
    const baseUrl = what.startsWith('401')
      ? wrongKeySimulator.url
      : what.startsWith('echo')
        ? echo.baseUrl
        : faultySimulator.url;
    const { env } = activityEnv({ attempt }, logger);
    try {
      outcomes.push({ what, value: { result: await inActivity(env, () => run(activitiesOn(baseUrl))) } });
    } catch (err) {
      outcomes.push({ what, value: err });
    }
  }

  function assertClean(what: string, text: string): void {
    for (const secret of [API_KEY, DATABRICKS_SECRET]) assert.ok(!text.includes(secret), `${what} leaks: ${text}`);
    assert.ok(!text.includes('SECRET-'), `${what} leaks a fragment: ${text}`);
  }

  it('drives every failure path: 401 (wrong key), 500, 502, ambiguous create, echoing 400/502 and a 2xx echo', async () => {
    const schedule = resolvePollSchedule();
    const input = (specId: string) => ({ specId, schedule, readsBefore: 0, firstWaitMs: 0 });
    for (const attempt of [1, 2]) {
      await record('401 create', attempt, (a) => a.createSpec(DATABRICKS_REQUEST));
    }
    await record('401 get', 1, (a) => a.getSpecStatus('spec-1', {}));
    await record('401 await', 2, (a) => a.awaitSpecStatus(input('spec-1'), {}));
    await record('401 delete', 1, (a) => a.deleteSpec('spec-1'));

    for (const kind of ['http500', 'html502'] as const) {
      faultySimulator.control.injectOnce(kind, { endpoint: 'create' });
      await record(`${kind} create`, 1, (a) => a.createSpec({ ...DATABRICKS_REQUEST, name: `dbx-${kind}` }));
      faultySimulator.control.injectOnce(kind, { endpoint: 'get' });
      await record(`${kind} get`, 1, (a) => a.getSpecStatus('spec-1', {}));
      faultySimulator.control.injectOnce(kind, { endpoint: 'list' });
      await record(`${kind} list on retry`, 2, (a) => a.createSpec({ ...DATABRICKS_REQUEST, name: `dbx-l-${kind}` }));
      faultySimulator.control.injectOnce(kind, { endpoint: 'delete' });
      await record(`${kind} delete`, 1, (a) => a.deleteSpec('spec-1'));
    }
    faultySimulator.control.injectOnce('ambiguousCreate', { mode: 'drop' });
    await record('ambiguous create', 1, (a) => a.createSpec({ ...DATABRICKS_REQUEST, name: 'dbx-ambiguous' }));
    await record('ambiguous create adopted', 2, (a) => a.createSpec({ ...DATABRICKS_REQUEST, name: 'dbx-ambiguous' }));

    await record('echo create', 1, (a) => a.createSpec(DATABRICKS_REQUEST));
    await record('echo create retry', 2, (a) => a.createSpec(DATABRICKS_REQUEST));
    await record('echo get', 1, (a) => a.getSpecStatus('spec-1', {}));
    await record('echo get 2xx', 1, (a) => a.getSpecStatus('ok', {}));
    await record('echo await 2xx', 2, (a) => a.awaitSpecStatus(input('ok'), {}));
    await record('echo delete', 1, (a) => a.deleteSpec('spec-1'));

    const types = outcomes.map(({ what, value }) => `${what}: ${(value as { type?: string }).type ?? 'ok'}`);
    assert.deepEqual(types, [
      '401 create: AuthenticationError',
      '401 create: AuthenticationError',
      '401 get: ApiKeyRejected', // the spec exists: a rotated key is waited out
      '401 await: ApiKeyRejected',
      '401 delete: AuthenticationError',
      'http500 create: InternalServerError',
      'http500 get: InternalServerError',
      'http500 list on retry: InternalServerError',
      'http500 delete: InternalServerError',
      'html502 create: InternalServerError',
      'html502 get: InternalServerError',
      'html502 list on retry: InternalServerError',
      'html502 delete: InternalServerError',
      'ambiguous create: ConnectionError',
      'ambiguous create adopted: ok',
      'echo create: BadRequestError',
      'echo create retry: BadRequestError',
      'echo get: BadRequestError',
      'echo get 2xx: ok',
      'echo await 2xx: ok',
      'echo delete: InternalServerError',
    ]);
    // The echoes really carried both secrets to us.
    const echoed = echo.requests.filter((req) => req.method === 'POST');
    assert.ok(echoed.length > 0 && echoed.every((req) => req.body.includes(DATABRICKS_SECRET)));
    assert.ok(echo.requests.every((req) => req.headers.authorization === `Bearer ${API_KEY}`));

    for (const { what, value } of outcomes) {
      if (value instanceof Error) {
        const failure = value as Error & { details?: unknown };
        assertClean(`${what} message`, failure.message);
        assertClean(`${what} details`, JSON.stringify(failure.details ?? null));
        assertClean(`${what} stack`, failure.stack ?? '');
        assertClean(`${what} inspect`, inspect(failure, { depth: 10 }));
      } else {
        assertClean(`${what} result`, JSON.stringify(value));
      }
    }
    const lines = logger.texts();
    assert.ok(
      lines.some((line) => /Activity failed/.test(line)),
      'the SDK logged the failures',
    );
    for (const line of lines) assertClean('log line', line);
  });
});
