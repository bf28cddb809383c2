// Issue 21, activity level, against the simulator on loopback: a create adopts only a job its own
// attempts (or its own chain's earlier run) may have made, judged on DataFramer's clock; two
// identical creates that cannot be told apart fail with `CreateAmbiguous`.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { toApplicationFailure } from '../../src/activities';
import { createJobActivities } from '../../src/activities/job-activities';
import { activityEnv, inActivity, startWorld, type SimulatedWorld } from './support/activity-harness';

type Activities = ReturnType<typeof createJobActivities>;

describe('run and evaluation ownership (activities on the simulator)', () => {
  let world: SimulatedWorld;
  let activities: Activities;
  before(async () => {
    world = await startWorld({ simulator: { completion: { manual: true } } });
    activities = createJobActivities({
      client: world.client,
      secrets: [],
      fail: (err) => toApplicationFailure(err),
      notFoundGraceMs: 60_000,
      clockSkewMs: 30_000,
      createSettleMs: 3_000,
    });
  });
  beforeEach(() => {
    world.simulator.control.resetCounters();
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: 0, listLag: { afterMs: 0, afterListCalls: 0 } });
    world.simulator.control.setFaults({});
  });
  after(async () => world.close());

  async function succeededSpec(): Promise<string> {
    const { id } = await world.client.createSpec({ name: `own-${randomUUID()}`, generation_objectives: 'reviews' });
    world.simulator.control.complete(id, 'SUCCEEDED');
    return id;
  }

  async function succeededRun(): Promise<string> {
    const { id } = await world.client.createRun({ spec_id: await succeededSpec(), number_of_samples: 3 });
    world.simulator.control.completeRun(id);
    return id;
  }

  /** One attempt of `work` as Temporal would run it; answers its outcome and its last heartbeat. */
  async function attempt<T>(
    work: (a: Activities) => Promise<T>,
    info: { scheduledTimestampMs: number; attempt: number; heartbeatDetails?: unknown },
  ) {
    const { env } = activityEnv({ currentAttemptScheduledTimestampMs: Date.now(), ...info });
    let record: unknown = info.heartbeatDetails;
    env.on('heartbeat', (details: unknown) => {
      if (details !== undefined) record = details;
    });
    const outcome = await inActivity(env, () => work(activities)).then(
      (value) => ({ value, error: undefined }),
      (error: unknown) => ({ value: undefined, error }),
    );
    return { ...outcome, record };
  }

  const runsOf = (specId: string) => world.simulator.counters().runsCreatedBySpec[specId] ?? 0;

  it("two callers, same spec and parameters: each caller's first attempt POSTs without looking, two runs", async () => {
    const specId = await succeededSpec();
    const request = { spec_id: specId, number_of_samples: 20_000 };
    const startedAtMs = Date.now() - 1_000;
    const a = await attempt((x) => x.createRun(request), { scheduledTimestampMs: startedAtMs, attempt: 1 });
    // The option 0.2.0 workflows pass on every create: it no longer makes attempt 1 look.
    const b = await attempt((x) => x.createRun(request, { createdSinceMs: startedAtMs }), {
      scheduledTimestampMs: Date.now(),
      attempt: 1,
    });
    assert.ok(a.value && b.value, inspect({ a, b }));
    assert.notEqual(a.value.id, b.value.id, 'each caller its own run');
    assert.deepEqual([a.value.adopted, b.value.adopted], [false, false]);
    assert.equal(runsOf(specId), 2);
    assert.equal(world.simulator.counters().jobRequests['run-list'], 0, 'a first attempt never lists');
  });

  for (const [mode, heartbeat] of [
    ['500', 'kept'],
    ['500', 'lost'],
    ['drop', 'kept'],
  ] as const) {
    it(`an ambiguous run create (${mode}, heartbeat ${heartbeat}) with DataFramer 45 s behind and a lagging list: one run, adopted`, async () => {
      world.simulator.control.setAdoptionStrictness({ clockSkewMs: -45_000, listLag: { afterListCalls: 1 } });
      const specId = await succeededSpec();
      const request = { spec_id: specId, number_of_samples: 7 };
      const scheduledTimestampMs = Date.now();
      world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode });
      const first = await attempt((x) => x.createRun(request), { scheduledTimestampMs, attempt: 1 });
      assert.ok(first.error instanceof ApplicationFailure && !first.error.nonRetryable, inspect(first));
      let record = heartbeat === 'kept' ? first.record : undefined;
      let adopted: { id: string; adopted: boolean } | undefined;
      // The lagging list hides the run from the first look: that attempt waits (CreateUnconfirmed), never POSTs.
      for (let n = 2; n <= 4 && adopted === undefined; n++) {
        const next = await attempt((x) => x.createRun(request), {
          scheduledTimestampMs,
          attempt: n,
          heartbeatDetails: record,
        });
        if (next.value) adopted = next.value;
        else assert.equal((next.error as ApplicationFailure).type, 'CreateUnconfirmed', inspect(next.error));
        record = next.record;
      }
      const stored = world.simulator.runs().filter((run) => run.spec_id === specId);
      assert.equal(runsOf(specId), 1, 'never a second billed run');
      assert.deepEqual([adopted?.id, adopted?.adopted], [stored[0]?.id, true]);
    });
  }

  it('a reset run (earlierRunMayHaveCreated) adopts its chain’s run on its first attempt, DataFramer 45 s behind', async () => {
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: -45_000 });
    const specId = await succeededSpec();
    const request = { spec_id: specId, number_of_samples: 4 };
    const workflowStartedAtMs = Date.now();
    const made = await attempt((x) => x.createRun(request, { workflowStartedAtMs }), {
      scheduledTimestampMs: workflowStartedAtMs,
      attempt: 1,
    });
    const again = await attempt((x) => x.createRun(request, { workflowStartedAtMs, earlierRunMayHaveCreated: true }), {
      scheduledTimestampMs: Date.now() + 60_000,
      attempt: 1,
    });
    assert.deepEqual([again.value?.id, again.value?.adopted], [made.value?.id, true]);
    assert.equal(runsOf(specId), 1);
  });

  it("another caller's identical run made 10 s before our ambiguous POST is not ours: the retry adopts its own", async () => {
    const specId = await succeededSpec();
    const request = { spec_id: specId, number_of_samples: 5 };
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: -10_000 });
    const theirs = await world.client.createRun(request);
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: 0 });
    const scheduledTimestampMs = Date.now();
    world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: '500' });
    const first = await attempt((x) => x.createRun(request), { scheduledTimestampMs, attempt: 1 });
    assert.ok(first.error, 'the ambiguous create failed');
    const second = await attempt((x) => x.createRun(request), {
      scheduledTimestampMs,
      attempt: 2,
      heartbeatDetails: first.record,
    });
    const ours = world.simulator.runs().find((run) => run.spec_id === specId && run.id !== theirs.id)?.id;
    assert.deepEqual([second.value?.id, second.value?.adopted], [ours, true], inspect(second));
    assert.equal(runsOf(specId), 2);
  });

  it('two identical creates inside one ambiguous window: CreateAmbiguous naming both runs, non-retryable', async () => {
    const specId = await succeededSpec();
    const request = { spec_id: specId, number_of_samples: 5 };
    const theirs = await world.client.createRun(request);
    const scheduledTimestampMs = Date.now();
    world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: '500' });
    const first = await attempt((x) => x.createRun(request), { scheduledTimestampMs, attempt: 1 });
    assert.ok(first.error);
    const second = await attempt((x) => x.createRun(request), {
      scheduledTimestampMs,
      attempt: 2,
      heartbeatDetails: first.record,
    });
    const ours = world.simulator.runs().find((run) => run.spec_id === specId && run.id !== theirs.id)?.id as string;
    const failure = second.error;
    assert.ok(failure instanceof ApplicationFailure, inspect(second));
    assert.deepEqual([failure.type, failure.nonRetryable], ['CreateAmbiguous', true]);
    assert.ok(failure.message.includes(ours) && failure.message.includes(theirs.id), failure.message);
    assert.deepEqual((failure.details?.[0] as { candidates: string[] }).candidates.sort(), [ours, theirs.id].sort());
    assert.equal(runsOf(specId), 2, 'no third run');
  });

  it('evaluations: model A, then model B from another caller: each first attempt POSTs, two evaluations', async () => {
    const runId = await succeededRun();
    const startedAtMs = Date.now() - 1_000;
    const a = await attempt((x) => x.createEvaluation({ run_id: runId, evaluation_model: 'judge/a' }), {
      scheduledTimestampMs: startedAtMs,
      attempt: 1,
    });
    const b = await attempt(
      (x) => x.createEvaluation({ run_id: runId, evaluation_model: 'judge/b' }, { createdSinceMs: startedAtMs }),
      { scheduledTimestampMs: Date.now(), attempt: 1 },
    );
    assert.ok(a.value && b.value, inspect({ a, b }));
    assert.notEqual(a.value.id, b.value.id);
    assert.equal(world.simulator.counters().evaluationsCreatedByRun[runId], 2);
  });

  for (const echo of [true, false]) {
    it(`an ambiguous evaluation create just after another model's evaluation of the run: ${
      echo ? 'the echoed model tells them apart, its own adopted' : 'no model echoed: CreateAmbiguous'
    }`, async () => {
      const echoing = await startWorld({ simulator: { completion: { manual: true }, echoEvaluationModel: echo } });
      try {
        const own = createJobActivities({
          client: echoing.client,
          secrets: [],
          fail: (err) => toApplicationFailure(err),
          notFoundGraceMs: 60_000,
          clockSkewMs: 30_000,
        });
        const { id: specId } = await echoing.client.createSpec({
          name: `e-${randomUUID()}`,
          generation_objectives: 'x',
        });
        echoing.simulator.control.complete(specId);
        const { id: runId } = await echoing.client.createRun({ spec_id: specId, number_of_samples: 2 });
        echoing.simulator.control.completeRun(runId);
        const theirs = await echoing.client.createEvaluation({ run_id: runId, evaluation_model: 'judge/a' });
        const request = { run_id: runId, evaluation_model: 'judge/b' };
        const scheduledTimestampMs = Date.now();
        echoing.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'evaluation-create', mode: '500' });
        const run = async (n: number, heartbeatDetails?: unknown) => {
          const { env } = activityEnv({ scheduledTimestampMs, attempt: n, heartbeatDetails });
          let record: unknown;
          env.on('heartbeat', (details: unknown) => (record = details ?? record));
          const outcome = await inActivity(env, () => own.createEvaluation(request)).then(
            (value) => ({ value, error: undefined }),
            (error: unknown) => ({ value: undefined, error }),
          );
          return { ...outcome, record };
        };
        const first = await run(1);
        assert.ok(first.error);
        const second = await run(2, first.record);
        const ours = echoing.simulator.evaluations().find((e) => e.run_id === runId && e.id !== theirs.id)?.id;
        if (echo) assert.deepEqual([second.value?.id, second.value?.adopted], [ours, true], inspect(second));
        else {
          assert.ok(second.error instanceof ApplicationFailure, inspect(second));
          assert.deepEqual([second.error.type, second.error.nonRetryable], ['CreateAmbiguous', true]);
        }
        assert.equal(echoing.simulator.counters().evaluationsCreatedByRun[runId], 2);
      } finally {
        await echoing.close();
      }
    });
  }

  it('an ambiguous evaluation create with DataFramer 45 s behind: one evaluation, adopted', async () => {
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: -45_000 });
    const runId = await succeededRun();
    const scheduledTimestampMs = Date.now();
    world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'evaluation-create', mode: '500' });
    const first = await attempt((x) => x.createEvaluation({ run_id: runId }), { scheduledTimestampMs, attempt: 1 });
    assert.ok(first.error);
    const second = await attempt((x) => x.createEvaluation({ run_id: runId }), {
      scheduledTimestampMs,
      attempt: 2,
      heartbeatDetails: first.record,
    });
    assert.equal(second.value?.adopted, true, inspect(second));
    assert.equal(world.simulator.counters().evaluationsCreatedByRun[runId], 1);
  });
});
