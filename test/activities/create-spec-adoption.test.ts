// Which spec a create adopts: only one this workflow may have made, in its own scope, whatever
// DataFramer's clock says (issues 9 and 14).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Info } from '@temporalio/activity';
import type { CreateSpecContext, DataFramerActivities } from '../../src/activities';
import { DataFramerClient } from '../../src/dataframer';
import { createActivities } from '../../src/activities';
import { json, ScriptedServer } from '../dataframer/support/scripted-server';
import {
  activityEnv,
  failureOf,
  inActivity,
  seedless,
  startWorld,
  type SimulatedWorld,
} from './support/activity-harness';

/** Attempts of one `createSpec` activity, each started with the heartbeat details the last one left. */
function activityAttempts(activities: () => DataFramerActivities, info: Partial<Info> = {}) {
  let details: unknown;
  let attempt = 0;
  const scheduledTimestampMs = info.scheduledTimestampMs ?? Date.now();
  return (request: unknown, context?: CreateSpecContext) => {
    attempt += 1;
    const { env } = activityEnv({ ...info, scheduledTimestampMs, attempt, heartbeatDetails: details });
    env.on('heartbeat', (beat: unknown) => (details = structuredClone(beat)));
    return inActivity(env, () => activities().createSpec(request, context));
  };
}

const ALWAYS_AMBIGUOUS = { ambiguousCreate: { probability: 1, mode: '500' as const }, endpoints: ['create' as const] };

describe('createSpec adoption against a strict simulator', () => {
  let world: SimulatedWorld;
  afterEach(async () => world?.close());
  const start = async (options: Parameters<typeof startWorld>[0] = {}) => (world = await startWorld(options));

  it('9.4: an upper-case dataset_id and an ambiguous create: attempt 2 adopts the one spec', async () => {
    await start();
    const request = { name: `upper-${randomUUID()}`, dataset_id: randomUUID().toUpperCase() };
    world.simulator.control.injectOnce('ambiguousCreate', { mode: '500' });
    const attempt = activityAttempts(() => world.activities);
    assert.equal((await failureOf(attempt(request))).type, 'InternalServerError');
    const second = await attempt(request);
    assert.equal(second.adopted, true);
    assert.equal(second.specId, world.simulator.specs()[0]?.id);
    assert.equal(world.simulator.counters().requests.create, 1);
  });

  it('9.7: a retry does not adopt a same-name spec whose listed description is not the request’s', async () => {
    await start();
    const name = `theirs-${randomUUID()}`;
    const attempt = activityAttempts(() => world.activities);
    const request = { name, generation_objectives: 'Ours', description: 'our spec' };
    // Someone else makes the name just after our workflow started; our POST answers a bare 500.
    await world.client.createSpec({ name, generation_objectives: 'Theirs', description: 'their spec' });
    world.simulator.control.injectOnce('http500', { endpoint: 'create' });
    assert.equal((await failureOf(attempt(request))).type, 'InternalServerError');
    const failure = await failureOf(attempt(request));
    assert.equal(failure.type, 'SpecNameConflictError');
    assert.equal(failure.nonRetryable, true);
  });

  for (const skewMs of [-3_600_000, -60_000, 60_000, 3_600_000]) {
    it(`14.3: DataFramer's clock ${skewMs / 60_000} min off, every create 500 after committing: attempt 2 adopts`, async () => {
      await start({ simulator: { clockSkewMs: skewMs, faults: ALWAYS_AMBIGUOUS } });
      const request = seedless(`skew${skewMs}`);
      const attempt = activityAttempts(() => world.activities);
      assert.equal((await failureOf(attempt(request))).type, 'InternalServerError');
      const second = await attempt(request);
      assert.equal(second.adopted, true);
      assert.equal(second.specId, world.simulator.specs()[0]?.id);
      assert.equal(world.simulator.counters().createdByName[request.name], 1);
    });

    it(`9.3: after a reset (clock ${skewMs / 60_000} min off), the first attempt adopts the earlier run's spec`, async () => {
      await start({ simulator: { clockSkewMs: skewMs } });
      const request = seedless(`reset${skewMs}`);
      const workflowStartedAtMs = Date.now() - 1_000;
      const firstRun = await activityAttempts(() => world.activities)(request, {
        workflowStartedAtMs,
        earlierRunMayHaveCreated: false,
      });
      const afterReset = await activityAttempts(() => world.activities)(request, {
        workflowStartedAtMs,
        earlierRunMayHaveCreated: true,
      });
      assert.deepEqual([afterReset.specId, afterReset.adopted], [firstRun.specId, true]);
      assert.equal(world.simulator.counters().createdByName[request.name], 1);
    });
  }

  it('9.3: a reset run does not adopt a same-name spec made before the workflow started', async () => {
    await start({ simulator: { clockSkewMs: -3_600_000 } });
    const request = seedless('before-start');
    await world.client.createSpec(request);
    const failure = await failureOf(
      activityAttempts(() => world.activities)(request, {
        workflowStartedAtMs: Date.now() + 60_000,
        earlierRunMayHaveCreated: true,
      }),
    );
    assert.equal(failure.type, 'SpecNameConflictError');
  });

  it("ifNameExists 'adopt' adopts a same-scope spec that already existed, and only in its scope", async () => {
    await start();
    const name = `existing-${randomUUID()}`;
    const datasetId = randomUUID();
    const existing = await world.client.createSpec({ name, dataset_id: datasetId });
    await world.client.createSpec({ name, generation_objectives: 'seedless twin' });
    const context = {
      workflowStartedAtMs: Date.now(),
      earlierRunMayHaveCreated: false,
      ifNameExists: 'adopt' as const,
    };
    const adopted = await activityAttempts(() => world.activities)({ name, dataset_id: datasetId }, context);
    assert.deepEqual(
      [adopted.specId, adopted.adopted, adopted.adoptedBecause],
      [existing.id, true, 'name-exists-adopt'],
    );
    const failure = await failureOf(activityAttempts(() => world.activities)({ name, dataset_id: datasetId }));
    assert.equal(failure.type, 'SpecNameConflictError', "the default is still 'fail'");
  });

  it('9.7: the record travels in a beat with the failure: "may have created" after a 500, not after a refusal', async () => {
    await start();
    const beatsOf = async (request: unknown) => {
      const { env } = activityEnv({ attempt: 1 });
      const beats: unknown[] = [];
      env.on('heartbeat', (details: unknown) => beats.push(structuredClone(details))); // as the SDK serializes it
      await failureOf(inActivity(env, () => world.activities.createSpec(request)));
      return beats;
    };
    const taken = seedless('refused');
    await world.client.createSpec(taken);
    assert.deepEqual(await beatsOf(taken), [{ mayHaveCreated: false }]);
    world.simulator.control.injectOnce('ambiguousCreate', { mode: '500' });
    assert.deepEqual(await beatsOf(seedless('ambiguous')), [{ mayHaveCreated: true }]);
    assert.deepEqual(await beatsOf({ name: 'invalid' }), [], 'no POST, no record');
  });

  it('9.9: the lookup stops at the list page holding the name', async () => {
    await start({ simulator: { listPageSize: 2 } });
    for (let i = 0; i < 7; i++) await world.client.createSpec(seedless(`filler${i}`));
    const request = seedless('paged');
    world.simulator.control.injectOnce('ambiguousCreate', { mode: 'drop' });
    const attempt = activityAttempts(() => world.activities);
    assert.equal((await failureOf(attempt(request))).type, 'ConnectionError');
    world.simulator.control.resetCounters();
    assert.equal((await attempt(request)).adopted, true);
    assert.equal(world.simulator.counters().requests.list, 1, 'the newest spec is on page 1 of 4');
  });

  it('9.9: a spec list larger than maxResponseBytes is read under maxListResponseBytes', async () => {
    await start({ client: { maxResponseBytes: 2_000 } });
    for (let i = 0; i < 20; i++) await world.client.createSpec(seedless(`big${i}`));
    const request = seedless('big-list');
    world.simulator.control.injectOnce('ambiguousCreate', { mode: '500' });
    const attempt = activityAttempts(() => world.activities);
    assert.equal((await failureOf(attempt(request))).type, 'InternalServerError');
    assert.equal((await attempt(request)).adopted, true);
  });
});

describe('createSpec adoption on a scripted server', () => {
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

  it('9.7: after a refused POST (409) while the list lagged, attempt 2 does not adopt the spec it then lists', async () => {
    const activities = createActivities({ client });
    const name = `refused-${randomUUID()}`;
    const theirs = {
      id: randomUUID(),
      name,
      description: null,
      dataset_id: null,
      created_at: new Date().toISOString(),
    };
    server.reply(
      json(409, { detail: 'Conflict.' }), // attempt 1: POST refused
      json(200, []), // attempt 1: the list does not show it yet
      json(400, { name: ['spec with this name already exists.'] }), // attempt 2: POST (no lookup first)
      json(200, [theirs]), // attempt 2: now listed
    );
    const attempt = activityAttempts(() => activities);
    const request = { name, generation_objectives: 'Ours' };
    assert.equal((await failureOf(attempt(request))).type, 'ConflictError');
    const failure = await failureOf(attempt(request));
    assert.equal(failure.type, 'SpecNameConflictError');
    assert.deepEqual(
      server.requests.map((r) => r.method),
      ['POST', 'GET', 'POST', 'GET'],
    );
  });
});
