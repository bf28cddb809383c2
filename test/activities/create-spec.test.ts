import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DataFramerClient } from '../../src/dataframer';
import { createActivities } from '../../src/activities';
import { json, ScriptedServer, type Reply } from '../dataframer/support/scripted-server';
import {
  activityEnv,
  inActivity,
  inAttempt,
  failureOf,
  seedless,
  startWorld,
  type SimulatedWorld,
} from './support/activity-harness';

const DATABRICKS_REQUEST = {
  generation_objectives: 'Support tickets',
  spec_generation_model_name: 'databricks/databricks-gpt-5-4',
  databricks_api_base: 'https://adb-1.azuredatabricks.net/serving-endpoints',
};

describe('createSpec activity', () => {
  // The simulator's clock runs this far behind while a test seeds "old" specs.
  let clockOffsetMs = 0;
  let world: SimulatedWorld;

  before(async () => {
    world = await startWorld({ simulator: { clock: () => Date.now() + clockOffsetMs } });
  });
  beforeEach(() => world.simulator.control.resetCounters());
  after(async () => world.close());

  /** Creates a spec directly, as someone else did ten minutes before the workflow started. */
  async function seedOldSpec(request: Record<string, unknown>): Promise<string> {
    clockOffsetMs = -10 * 60_000;
    try {
      const { id } = await world.client.createSpec(request as never);
      return id;
    } finally {
      clockOffsetMs = 0;
    }
  }

  it('creates a spec and answers { specId, name, adopted: false, createdAtMs }, without a heartbeat', async () => {
    const request = seedless('create');
    const { env } = activityEnv();
    let heartbeats = 0;
    env.on('heartbeat', () => heartbeats++);
    const before = Date.now();
    const created = await inActivity(env, () => world.activities.createSpec(request));
    const [spec] = world.simulator.specs().filter((s) => s.name === request.name);
    assert.deepEqual(created, {
      specId: spec?.id,
      name: request.name,
      adopted: false,
      createdAtMs: created.createdAtMs,
    });
    assert.ok(created.createdAtMs >= before && created.createdAtMs <= Date.now());
    assert.equal(world.simulator.counters().createdByName[request.name], 1);
    assert.equal(heartbeats, 0, 'a fast create sends no heartbeat (each is a billable action)');
  });

  it('heartbeats once a create is slow, then repeatedly, within the heartbeat timeout', async () => {
    world.simulator.control.injectOnce('slowMs', { endpoint: 'create', delayMs: 400 });
    const { env } = activityEnv({ heartbeatTimeoutMs: 90 });
    const beatsAfterMs: number[] = [];
    const started = Date.now();
    env.on('heartbeat', () => beatsAfterMs.push(Date.now() - started));
    await inActivity(env, () => world.activities.createSpec(seedless('slow')));
    assert.ok(beatsAfterMs.length >= 4, `expected a heartbeat every 30 ms, got ${beatsAfterMs.length} in 400 ms`);
    assert.ok(beatsAfterMs[0]! >= 25, `the first heartbeat waits one interval, came after ${beatsAfterMs[0]} ms`);
  });

  for (const [mode, type] of [
    ['500', 'InternalServerError'],
    ['drop', 'ConnectionError'],
  ] as const) {
    it(`ambiguous create (${mode}): attempt 1 fails retryably with ${type}, attempt 2 adopts: one spec`, async () => {
      const request = seedless(`ambiguous-${mode}`);
      const scheduledTimestampMs = Date.now();
      world.simulator.control.injectOnce('ambiguousCreate', { mode });
      const first = await failureOf(inAttempt({ scheduledTimestampMs }, () => world.activities.createSpec(request)));
      assert.equal(first.type, type);
      assert.equal(first.nonRetryable, false);
      assert.equal(world.simulator.counters().faults.ambiguousCreate, 1, 'the server stored the spec, then failed');

      const { env, logger } = activityEnv({ scheduledTimestampMs, attempt: 2 });
      const second = await inActivity(env, () => world.activities.createSpec(request));
      const stored = world.simulator.specs().filter((s) => s.name === request.name);
      assert.equal(stored.length, 1);
      assert.equal(second.specId, stored[0]?.id);
      assert.equal(second.adopted, true);
      assert.equal(world.simulator.counters().createdByName[request.name], 1);
      assert.equal(world.simulator.counters().requests.create, 1, 'attempt 2 adopted without POSTing');
      assert.ok(
        logger.lines.some((l) => l.level === 'INFO' && /Adopted/.test(l.message) && l.meta?.specId === second.specId),
      );
    });
  }

  it('attempt 2 after a failure that created nothing creates the spec (adopted: false)', async () => {
    const request = seedless('retry-clean');
    const scheduledTimestampMs = Date.now();
    world.simulator.control.injectOnce('http500', { endpoint: 'create' });
    const first = await failureOf(inAttempt({ scheduledTimestampMs }, () => world.activities.createSpec(request)));
    assert.equal(first.type, 'InternalServerError');
    const second = await inAttempt({ scheduledTimestampMs, attempt: 2 }, () => world.activities.createSpec(request));
    assert.equal(second.adopted, false);
    assert.equal(world.simulator.counters().createdByName[request.name], 1);
  });

  it('a name taken before the workflow started is a non-retryable SpecNameConflictError on attempts 1 and 2', async () => {
    const request = seedless('taken');
    await seedOldSpec(request);
    world.simulator.control.resetCounters();
    const scheduledTimestampMs = Date.now();
    for (const attempt of [1, 2]) {
      const failure = await failureOf(
        inAttempt({ scheduledTimestampMs, attempt }, () => world.activities.createSpec(request)),
      );
      assert.equal(failure.type, 'SpecNameConflictError', `attempt ${attempt}`);
      assert.equal(failure.nonRetryable, true, `attempt ${attempt}`);
      assert.match(failure.message, new RegExp(`"${request.name}" already exists among seedless specs`));
    }
    assert.equal(world.simulator.counters().requests.create, 1, 'attempt 2 saw the old spec and did not POST');
    assert.equal(world.simulator.specs().filter((s) => s.name === request.name).length, 1);
  });

  it('the same name in another dataset (or seedless) is not a conflict, and is never adopted', async () => {
    const name = `common-${randomUUID()}`;
    const datasetA = randomUUID();
    const datasetB = randomUUID();
    const oldA = await seedOldSpec({ name, dataset_id: datasetA });
    const oldSeedless = await seedOldSpec({ name, generation_objectives: 'reviews' });
    const scheduledTimestampMs = Date.now();
    world.simulator.control.injectOnce('ambiguousCreate', { mode: '500' });
    const run = (attempt: number) =>
      inAttempt({ scheduledTimestampMs, attempt }, () =>
        world.activities.createSpec({
          name,
          dataset_id: datasetB,
        }),
      );
    assert.equal((await failureOf(run(1))).type, 'InternalServerError');
    const adopted = await run(2);
    const inB = world.simulator.specs().filter((s) => s.name === name && s.dataset_id === datasetB);
    assert.equal(inB.length, 1);
    assert.equal(adopted.specId, inB[0]?.id);
    assert.ok(adopted.specId !== oldA && adopted.specId !== oldSeedless);
    assert.equal(world.simulator.specs().filter((s) => s.name === name).length, 3);
    // A first attempt in a third dataset simply creates.
    const inC = await inAttempt({}, () => world.activities.createSpec({ name, dataset_id: randomUUID() }));
    assert.equal(inC.adopted, false);
    assert.equal(world.simulator.counters().createdByName[name], 4);
  });

  it('an invalid request is a non-retryable InvalidRequestError naming the field, with no HTTP request', async () => {
    const failure = await failureOf(
      inAttempt({}, () => world.activities.createSpec({ name: 'no-objectives', extrapolate_values: true })),
    );
    assert.equal(failure.type, 'InvalidRequestError');
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /generation_objectives: required for seedless specs/);
    assert.match(failure.message, /extrapolate_values: not applicable to seedless specs/);
    const { requests } = world.simulator.counters();
    assert.equal(requests.create + requests.list + requests.get + requests.delete, 0);
  });

  it('rejects a Databricks secret in the input, saying where it belongs, without echoing it', async () => {
    const failure = await failureOf(
      inAttempt({}, () =>
        world.activities.createSpec({
          ...DATABRICKS_REQUEST,
          name: 'dbx-in-input',
          databricks_client_id: 'client-a',
          databricks_client_secret: 'dbx-raw-secret-in-input',
        }),
      ),
    );
    assert.equal(failure.type, 'InvalidRequestError');
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /databricks_client_secret: must not be in workflow input/);
    assert.match(failure.message, /DATAFRAMER_DATABRICKS_CLIENT_SECRET/);
    assert.ok(!JSON.stringify([failure.message, failure.details, failure.stack]).includes('dbx-raw-secret'));
    assert.equal(world.simulator.counters().requests.create, 0);
  });

  it('a databricks/ model with no secret configured is a non-retryable InvalidRequestError', async () => {
    const activities = createActivities({
      client: world.client,
      databricksSecrets: { byClientId: { 'someone-else': 'dbx-other' } },
    });
    const failure = await failureOf(
      inAttempt({}, () =>
        activities.createSpec({
          ...DATABRICKS_REQUEST,
          name: 'dbx-none',
          databricks_client_id: 'client-a',
        }),
      ),
    );
    assert.equal(failure.type, 'InvalidRequestError');
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /No Databricks client secret for client id "client-a"/);
    assert.match(failure.message, /DATAFRAMER_DATABRICKS_CLIENT_SECRET/);
    assert.equal(world.simulator.counters().requests.create, 0);
  });

  it('a databricks/ model on the simulator gets its secret from the worker (the create passes validation)', async () => {
    const activities = createActivities({ client: world.client, databricksSecrets: { defaultSecret: 'dbx-default' } });
    const request = { ...DATABRICKS_REQUEST, ...seedless('dbx-sim'), databricks_client_id: 'client-z' };
    const created = await inAttempt({}, () => activities.createSpec(request));
    assert.equal(created.adopted, false);
    assert.equal(world.simulator.counters().createdByName[request.name], 1);
  });
});

describe('createSpec activity on a loopback server', () => {
  let server: ScriptedServer;
  let client: DataFramerClient;

  before(async () => {
    server = await ScriptedServer.start();
    client = new DataFramerClient({ baseUrl: server.baseUrl, apiKey: 'sk-test-key' });
  });
  afterEach(() => server.reset());
  after(async () => {
    await client.close();
    await server.close();
  });

  it('sends the secret of the request’s client id (byClientId), else defaultSecret', async () => {
    const activities = createActivities({
      client,
      databricksSecrets: { byClientId: { 'client-a': 'dbx-for-a' }, defaultSecret: 'dbx-default' },
    });
    server.reply(json(202, { id: 'spec-a' }), json(202, { id: 'spec-b' }));
    for (const clientId of ['client-a', 'client-b']) {
      await inAttempt({}, () =>
        activities.createSpec({
          ...DATABRICKS_REQUEST,
          name: `dbx-${clientId}`,
          databricks_client_id: clientId,
        }),
      );
    }
    const bodies = server.requests.map((req) => JSON.parse(req.body) as Record<string, unknown>);
    assert.deepEqual(
      bodies.map((body) => [body.databricks_client_id, body.databricks_client_secret]),
      [
        ['client-a', 'dbx-for-a'],
        ['client-b', 'dbx-default'],
      ],
    );
  });

  it('on a retry, a name taken but not yet listed is a retryable ConflictError, not a permanent conflict', async () => {
    const activities = createActivities({ client });
    const listEmpty: Reply = json(200, []);
    const nameTaken: Reply = json(400, { name: ['spec with this name already exists.'] });
    server.reply(listEmpty, nameTaken, listEmpty);
    const failure = await failureOf(inAttempt({ attempt: 2 }, () => activities.createSpec(seedless('lagging'))));
    assert.equal(failure.type, 'ConflictError');
    assert.equal(failure.nonRetryable, false);
    assert.deepEqual(
      server.requests.map((req) => req.method),
      ['GET', 'POST', 'GET'],
    );
  });

  it('on attempt 1, a name taken is a SpecNameConflictError even when the list does not show it', async () => {
    const activities = createActivities({ client });
    server.reply(json(400, { name: ['spec with this name already exists.'] }), json(200, []));
    const failure = await failureOf(inAttempt({}, () => activities.createSpec(seedless('invisible'))));
    assert.equal(failure.type, 'SpecNameConflictError');
    assert.equal(failure.nonRetryable, true);
  });
});
