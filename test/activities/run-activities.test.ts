import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { CREATE_UNCONFIRMED_TYPE, toApplicationFailure, type CreateJobRecord } from '../../src/activities';
import { createJobActivities } from '../../src/activities/job-activities';
import {
  activityEnv,
  CapturingLogger,
  failureOf,
  inActivity,
  inAttempt,
  startWorld,
  type SimulatedWorld,
} from './support/activity-harness';

describe('run activities', () => {
  let world: SimulatedWorld;
  before(async () => {
    world = await startWorld({ simulator: { completion: { manual: true } } });
  });
  beforeEach(() => world.simulator.control.resetCounters());
  after(async () => world.close());

  async function succeededSpec(): Promise<string> {
    const { id } = await world.client.createSpec({ name: `runs-${randomUUID()}`, generation_objectives: 'reviews' });
    world.simulator.control.complete(id, 'SUCCEEDED');
    return id;
  }

  /** Runs one createRun attempt, collecting its heartbeats. */
  async function attempt(
    request: unknown,
    info: { scheduledTimestampMs: number; attempt: number; heartbeatDetails?: unknown },
  ) {
    const { env } = activityEnv(info);
    const beats: unknown[] = [];
    env.on('heartbeat', (details: unknown) => beats.push(details));
    const outcome = await inActivity(env, () => world.activities.createRun(request)).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const record = beats.filter((b): b is CreateJobRecord => typeof b === 'object' && b !== null).at(-1);
    return { ...outcome, beats, record };
  }

  const runsOf = (specId: string) => world.simulator.counters().runsCreatedBySpec[specId] ?? 0;

  it('creates a run with no heartbeat at all (a fast create beats nothing: its result carries the id)', async () => {
    const specId = await succeededSpec();
    const result = await attempt(
      { spec_id: specId, number_of_samples: 5 },
      { scheduledTimestampMs: Date.now(), attempt: 1 },
    );
    assert.ok('value' in result, inspect(result));
    assert.equal(result.value.adopted, false);
    assert.equal(result.value.source, 'created');
    assert.deepEqual(result.beats, [], 'heartbeats are billable: a fast create sends none');
    assert.equal(runsOf(specId), 1);
    assert.equal(world.simulator.counters().jobRequests['run-list'], 0, 'attempt 1 never lists');
  });

  it('a failed create beats one record for the next attempt: its POST, sent and answered', async () => {
    const specId = await succeededSpec();
    const before = Date.now();
    world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode: '500' });
    const result = await attempt(
      { spec_id: specId, number_of_samples: 5 },
      { scheduledTimestampMs: before, attempt: 1 },
    );
    assert.ok('error' in result, inspect(result));
    assert.equal(result.beats.length, 1, inspect(result.beats));
    const post = result.record?.posts[0];
    assert.equal(result.record?.attempt, 1);
    assert.ok(post && post.sentAtMs >= before && (post.answeredAtMs ?? 0) >= post.sentAtMs, inspect(result.record));
  });

  for (const [mode, type] of [
    ['500', 'InternalServerError'],
    ['drop', 'ConnectionError'],
  ] as const) {
    for (const heartbeat of ['kept', 'lost'] as const) {
      it(`ambiguous run create (${mode}, heartbeat ${heartbeat}): attempt 2 adopts the run, exactly one exists`, async () => {
        const specId = await succeededSpec();
        const request = { spec_id: specId, number_of_samples: 7, skip_outline: true };
        const scheduledTimestampMs = Date.now();
        world.simulator.control.injectOnce('ambiguousCreate', { endpoint: 'run-create', mode });
        const first = await attempt(request, { scheduledTimestampMs, attempt: 1 });
        assert.ok('error' in first && first.error instanceof ApplicationFailure, inspect(first));
        assert.equal(first.error.type, type);
        assert.equal(first.error.nonRetryable, false);
        const heartbeatDetails = heartbeat === 'kept' ? first.record : undefined;
        const second = await attempt(request, { scheduledTimestampMs, attempt: 2, heartbeatDetails });
        assert.ok('value' in second, inspect(second));
        const [stored] = world.simulator.runs().filter((r) => r.spec_id === specId);
        assert.deepEqual([second.value.id, second.value.adopted, second.value.source], [stored?.id, true, 'list']);
        assert.equal(runsOf(specId), 1, 'never a second run');
        assert.equal(world.simulator.counters().jobRequests['run-create'], 1, 'attempt 2 did not POST');
        const third = await attempt(request, { scheduledTimestampMs, attempt: 3, heartbeatDetails: second.record });
        assert.ok('value' in third);
        assert.deepEqual([third.value.id, third.value.source], [stored?.id, 'heartbeat']);
        assert.equal(runsOf(specId), 1);
      });
    }
  }

  it('a heartbeat record naming the run is adopted with no HTTP request at all', async () => {
    const runId = randomUUID();
    const before = world.simulator.counters();
    const result = await attempt(
      { spec_id: randomUUID(), number_of_samples: 1 },
      { scheduledTimestampMs: Date.now(), attempt: 4, heartbeatDetails: { posts: [{ sentAtMs: 1 }], jobId: runId } },
    );
    assert.ok('value' in result);
    assert.deepEqual([result.value.id, result.value.source], [runId, 'heartbeat']);
    assert.deepEqual(world.simulator.counters().jobRequests, before.jobRequests);
  });

  it("never adopts a run made before its own POST's window: the retry POSTs its own", async () => {
    const specId = await succeededSpec();
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: -72_000 });
    const old = await world.client.createRun({ spec_id: specId, number_of_samples: 3 });
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: 0 });
    // Our POST went out (and got a 5xx) 40 s after the old run, 32 s ago: beyond the window's slack,
    // and long enough ago that the retry need not wait for the list.
    const sentAtMs = Date.now() - 32_000;
    const heartbeatDetails = { posts: [{ sentAtMs, answeredAtMs: sentAtMs + 100 }] };
    const result = await attempt(
      { spec_id: specId, number_of_samples: 3 },
      { scheduledTimestampMs: sentAtMs - 100, attempt: 2, heartbeatDetails },
    );
    assert.ok('value' in result, inspect(result));
    assert.equal(result.value.adopted, false);
    assert.notEqual(result.value.id, old.id);
    assert.equal(runsOf(specId), 2);
  });

  it('never adopts a run of the same spec whose echoed parameters differ from the request', async () => {
    const specId = await succeededSpec();
    // The other run was made 31 s ago, inside our POST's window, which closed 30.5 s ago.
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: -31_000 });
    const other = await world.client.createRun({ spec_id: specId, number_of_samples: 4 });
    world.simulator.control.setAdoptionStrictness({ clockSkewMs: 0 });
    const sentAtMs = Date.now() - 31_500;
    const heartbeatDetails = { posts: [{ sentAtMs, answeredAtMs: sentAtMs + 1_000 }] };
    const request = { spec_id: specId, number_of_samples: 3 };
    const result = await attempt(request, { scheduledTimestampMs: sentAtMs, attempt: 2, heartbeatDetails });
    assert.ok('value' in result, inspect(result));
    assert.equal(result.value.adopted, false);
    assert.notEqual(result.value.id, other.id);
    assert.equal(world.simulator.counters().jobRequests['run-get'], 1, 'the one candidate was read');
    assert.equal(runsOf(specId), 2);
  });

  it("a reset run's attempt 1 adopts the run its chain made; 0.2.0's createdSinceMs alone no longer looks", async () => {
    const specId = await succeededSpec();
    const request = { spec_id: specId, number_of_samples: 6 };
    const workflowStartMs = Date.now() - 5_000;
    const earlier = await inAttempt({ scheduledTimestampMs: workflowStartMs }, () =>
      world.activities.createRun(request, { workflowStartedAtMs: workflowStartMs }),
    );
    // The reset run schedules the create again, long after the first:
    const scheduledTimestampMs = Date.now() + 10 * 60_000;
    const again = await inAttempt({ scheduledTimestampMs, attempt: 1 }, () =>
      world.activities.createRun(request, { createdSinceMs: workflowStartMs, earlierRunMayHaveCreated: true }),
    );
    assert.deepEqual([again.id, again.adopted, again.source], [earlier.id, true, 'list']);
    const fresh = await inAttempt({ scheduledTimestampMs, attempt: 1 }, () =>
      world.activities.createRun(request, { createdSinceMs: workflowStartMs }),
    );
    assert.equal(fresh.adopted, false, 'a first run of a chain POSTs without looking');
    assert.equal(runsOf(specId), 2);
  });

  it('an unanswered POST not listed yet makes the retry wait (CreateUnconfirmed, no POST); after the settle time it POSTs', async () => {
    const activities = createJobActivities({
      client: world.client,
      secrets: [],
      fail: (err) => toApplicationFailure(err),
      notFoundGraceMs: 60_000,
      clockSkewMs: 30_000,
      createSettleMs: 5_000,
    });
    const specId = await succeededSpec();
    const request = { spec_id: specId, number_of_samples: 2 };
    const scheduledTimestampMs = Date.now();
    const waiting = await failureOf(
      inAttempt({ scheduledTimestampMs, attempt: 2, heartbeatDetails: { posts: [{ sentAtMs: Date.now() }] } }, () =>
        activities.createRun(request),
      ),
    );
    assert.equal(waiting.type, CREATE_UNCONFIRMED_TYPE);
    assert.equal(waiting.nonRetryable, false);
    assert.ok(waiting.nextRetryDelay != null);
    assert.equal(runsOf(specId), 0);
    const later = await inAttempt(
      { scheduledTimestampMs, attempt: 3, heartbeatDetails: { posts: [{ sentAtMs: Date.now() - 6_000 }] } },
      () => activities.createRun(request),
    );
    assert.equal(later.adopted, false);
    assert.equal(runsOf(specId), 1);
  });

  it('refuses an invalid request before any HTTP call, non-retryably', async () => {
    const failure = await failureOf(
      inAttempt({}, () => world.activities.createRun({ spec_id: randomUUID(), number_of_samples: 20_001 })),
    );
    assert.equal(failure.type, 'InvalidRequestError');
    assert.equal(failure.nonRetryable, true);
    assert.match(failure.message, /number_of_samples: must be at most 20000/);
    assert.equal(world.simulator.counters().jobRequests['run-create'], 0);
    const refused = await failureOf(
      inAttempt({}, () => world.activities.createRun({ spec_id: randomUUID(), number_of_samples: 1 })),
    );
    assert.equal(refused.type, 'BadRequestError', 'a spec the API does not know');
  });

  it('status views stay small while running and carry the run once it ends', async () => {
    const specId = await succeededSpec();
    const { id } = await inAttempt({}, () => world.activities.createRun({ spec_id: specId, number_of_samples: 40 }));
    const views = [];
    for (let i = 0; i < 3; i++) views.push(await inAttempt({}, () => world.activities.getRunStatus(id)));
    assert.deepEqual(
      views.map((v) => v.status),
      ['PENDING', 'PROCESSING', 'PROCESSING'],
    );
    for (const view of views) {
      assert.equal(view.final, undefined);
      assert.equal(view.terminal, false);
      assert.ok(JSON.stringify(view).length < 400, JSON.stringify(view));
      assert.equal(view.progress.numberOfSamples, 40);
    }
    assert.ok((views[2]?.progress.samplesCompleted as number) > 0);
    world.simulator.control.completeRun(id);
    const done = await inAttempt({}, () => world.activities.getRunStatus(id));
    assert.deepEqual([done.status, done.outcome, done.terminal], ['SUCCEEDED', 'succeeded', true]);
    assert.equal(done.final?.generated_files?.length, 40);
    assert.equal(done.omitted, undefined);
    assert.equal(done.progress.samplesCompleted, 40);
  });

  it('a terminal run too large for history is carried without its files, which are counted', async () => {
    const small = await startWorld({
      simulator: { completion: { manual: true } },
      activities: { maxFinalViewBytes: 16 * 1024 },
    });
    try {
      const { id: specId } = await small.client.createSpec({ name: `big-${randomUUID()}`, generation_objectives: 'x' });
      small.simulator.control.complete(specId);
      const { id } = await small.client.createRun({ spec_id: specId, number_of_samples: 2_000 });
      small.simulator.control.completeRun(id);
      const view = await inAttempt({}, () => small.activities.getRunStatus(id));
      assert.equal(view.status, 'SUCCEEDED');
      assert.equal(view.final?.generated_files, undefined);
      assert.equal(view.final?.id, id);
      assert.equal(view.omitted?.generated_files?.items, 1_992);
      assert.ok((view.omitted?.generated_files?.bytes ?? 0) > 100_000);
      assert.ok(JSON.stringify(view).length < 16 * 1024);
    } finally {
      await small.close();
    }
  });

  it('FAILED carries the message; an unknown status is logged and treated as running; 404s just after creation retry', async () => {
    const specId = await succeededSpec();
    const { id, createdAtMs } = await inAttempt({}, () =>
      world.activities.createRun({ spec_id: specId, number_of_samples: 2 }),
    );
    world.simulator.control.injectOnce('unknownStatus', { endpoint: 'run-get' });
    const logger = new CapturingLogger();
    const odd = await inAttempt({}, () => world.activities.getRunStatus(id), logger);
    assert.deepEqual(
      [odd.status, odd.rawStatus, odd.knownStatus, odd.terminal],
      ['PROCESSING', 'IN_PROGRESS', false, false],
    );
    assert.ok(
      logger.lines.some((l) => l.level === 'WARN' && /Unknown run status/.test(l.message) && l.meta?.runId === id),
    );
    world.simulator.control.failRun(id, 'Generation failed: model overloaded');
    const failed = await inAttempt({}, () => world.activities.getRunStatus(id));
    assert.deepEqual(
      [failed.status, failed.outcome, failed.errorMessage],
      ['FAILED', 'failed', 'Generation failed: model overloaded'],
    );
    const missing = randomUUID();
    const young = await failureOf(inAttempt({}, () => world.activities.getRunStatus(missing, { createdAtMs })));
    assert.deepEqual([young.type, young.nonRetryable], ['RunNotYetVisible', false]);
    const old = await failureOf(inAttempt({}, () => world.activities.getRunStatus(missing, { createdAtMs: 0 })));
    assert.deepEqual([old.type, old.nonRetryable], ['NotFoundError', true]);
  });

  it('cancelRun cancels a running run and reads it back; an ended or missing run is not an error', async () => {
    const specId = await succeededSpec();
    const { id } = await inAttempt({}, () => world.activities.createRun({ spec_id: specId, number_of_samples: 3 }));
    const canceled = await inAttempt({}, () => world.activities.cancelRun(id));
    assert.deepEqual(
      [canceled.cancelRequested, canceled.view?.status, canceled.view?.outcome],
      [true, 'CANCELED', 'canceled'],
    );
    const again = await inAttempt({}, () => world.activities.cancelRun(id));
    assert.deepEqual([again.cancelRequested, again.view?.status], [false, 'CANCELED']);
    const gone = await inAttempt({}, () => world.activities.cancelRun(randomUUID()));
    assert.deepEqual(gone.cancelRequested, false);
    assert.equal(gone.view, undefined);
    assert.equal(world.simulator.counters().runsCanceled, 1);
  });
});
