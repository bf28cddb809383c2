import assert from 'node:assert/strict';
import { createActivities, type AwaitSpecInput, type StillProcessingDetails } from '../../src/activities';
import { deterministicFraction, pollDelayMs, resolvePollSchedule } from '../../src/common/poll-schedule';
import { DATA_PLANE_REASON, UNKNOWN_STATUS } from '../../src/simulator';
import {
  activityEnv,
  inActivity,
  inAttempt,
  failureOf,
  seedless,
  startWorld,
  type SimulatedWorld,
} from './support/activity-harness';

const SCHEDULE = resolvePollSchedule({ initialInterval: '100 ms', maximumInterval: '2 seconds', jitter: 0.2 });

describe('getSpecStatus and awaitSpecStatus activities', () => {
  let world: SimulatedWorld;
  let dataPlane: SimulatedWorld;

  before(async () => {
    [world, dataPlane] = await Promise.all([startWorld(), startWorld({ simulator: { dataPlane: true } })]);
  });
  beforeEach(() => world.simulator.control.resetCounters());
  after(async () => Promise.all([world.close(), dataPlane.close()]));

  async function newSpec(target = world): Promise<string> {
    return (await target.client.createSpec(seedless('status'))).id;
  }

  describe('getSpecStatus', () => {
    it('PROCESSING: a small view without the spec, and no heartbeat for a fast read', async () => {
      const specId = await newSpec();
      const { env } = activityEnv();
      let heartbeats = 0;
      env.on('heartbeat', () => heartbeats++);
      const view = await inActivity(env, () => world.activities.getSpecStatus(specId, {}));
      assert.equal(view.status, 'PROCESSING');
      assert.equal(view.terminal, false);
      assert.equal(view.knownStatus, true);
      assert.equal(view.specId, specId);
      assert.equal(typeof view.updatedAt, 'string');
      assert.ok(!('spec' in view), 'no spec while processing');
      assert.ok(!('errorMessage' in view));
      assert.ok(JSON.stringify(view).length < 500, JSON.stringify(view));
      assert.equal(heartbeats, 0, 'a fast read sends no heartbeat (each is a billable action)');
    });

    it('SUCCEEDED: the view carries the full spec with content_yaml (no versions)', async () => {
      const specId = await newSpec();
      world.simulator.control.complete(specId, 'SUCCEEDED');
      const view = await inAttempt({}, () => world.activities.getSpecStatus(specId, {}));
      assert.equal(view.status, 'SUCCEEDED');
      assert.equal(view.terminal, true);
      assert.match(String(view.spec?.content_yaml), /\S/);
      assert.equal(view.spec?.id, specId);
      assert.ok(!('versions' in (view.spec ?? {})));
      assert.deepEqual(JSON.parse(JSON.stringify(view)), view, 'serializable');
    });

    it('data-plane SUCCEEDED is a success with content_unavailable_reason and content_location', async () => {
      const specId = await newSpec(dataPlane);
      dataPlane.simulator.control.complete(specId, 'SUCCEEDED');
      const view = await inAttempt({}, () => dataPlane.activities.getSpecStatus(specId, {}));
      assert.equal(view.status, 'SUCCEEDED');
      assert.equal(view.terminal, true);
      assert.equal(view.errorMessage, undefined);
      assert.equal(view.spec?.content_yaml, null);
      assert.equal(view.spec?.content_unavailable_reason, DATA_PLANE_REASON);
      assert.match(String(view.spec?.content_location), /^s3:\/\//);
    });

    it('FAILED: the view carries DataFramer’s errorMessage', async () => {
      const specId = await newSpec();
      world.simulator.control.fail(specId, 'The model could not derive properties.');
      const view = await inAttempt({}, () => world.activities.getSpecStatus(specId, {}));
      assert.equal(view.status, 'FAILED');
      assert.equal(view.terminal, true);
      assert.equal(view.errorMessage, 'The model could not derive properties.');
    });

    it('an unknown status counts as PROCESSING (knownStatus: false) and logs a warning', async () => {
      const specId = await newSpec();
      world.simulator.control.injectOnce('unknownStatus');
      const { env, logger } = activityEnv();
      const view = await inActivity(env, () => world.activities.getSpecStatus(specId, {}));
      assert.equal(view.status, 'PROCESSING');
      assert.equal(view.knownStatus, false);
      assert.equal(view.rawStatus, UNKNOWN_STATUS);
      assert.equal(view.terminal, false);
      const warning = logger.lines.find((line) => line.level === 'WARN' && /Unknown spec status/.test(line.message));
      assert.ok(warning, 'a warning is logged');
      assert.equal(warning.meta?.specId, specId);
      assert.equal(warning.meta?.status, UNKNOWN_STATUS);
    });

    it('404 within notFoundGraceMs is a retryable SpecNotYetVisible; after it, a non-retryable NotFoundError', async () => {
      const activities = createActivities({ client: world.client, notFoundGraceMs: 1_000 });
      const young = await failureOf(
        inAttempt({}, () => activities.getSpecStatus('no-such-spec', { createdAtMs: Date.now() - 100 })),
      );
      assert.equal(young.type, 'SpecNotYetVisible');
      assert.equal(young.nonRetryable, false);
      for (const context of [{ createdAtMs: Date.now() - 1_500 }, {}]) {
        const old = await failureOf(inAttempt({}, () => activities.getSpecStatus('no-such-spec', context)));
        assert.equal(old.type, 'NotFoundError');
        assert.equal(old.nonRetryable, true);
      }
      // The default grace is a minute.
      const byDefault = await failureOf(
        inAttempt({}, () => world.activities.getSpecStatus('no-such-spec', { createdAtMs: Date.now() - 50_000 })),
      );
      assert.equal(byDefault.type, 'SpecNotYetVisible');
    });
  });

  describe('awaitSpecStatus', () => {
    const input = (specId: string, extra: Partial<AwaitSpecInput> = {}): AwaitSpecInput => ({
      specId,
      schedule: SCHEDULE,
      readsBefore: 0,
      firstWaitMs: 250,
      ...extra,
    });
    const expectedDelay = (specId: string, nextRead: number) =>
      pollDelayMs(SCHEDULE, nextRead, deterministicFraction(specId, nextRead));

    it('attempt 1 with firstWaitMs > 0 only waits: SpecStillProcessing after firstWaitMs, no HTTP request', async () => {
      const failure = await failureOf(
        inAttempt({ attempt: 1 }, () => world.activities.awaitSpecStatus(input('spec-x', { readsBefore: 4 }), {})),
      );
      assert.equal(failure.type, 'SpecStillProcessing');
      assert.equal(failure.nextRetryDelay, 250);
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.category, 'BENIGN');
      assert.deepEqual(failure.details, [{ readNumber: 4 }]);
      assert.equal(world.simulator.counters().requests.get, 0);
    });

    it('a PROCESSING read is a benign SpecStillProcessing whose nextRetryDelay follows the schedule', async () => {
      const specId = await newSpec();
      for (const attempt of [2, 3, 6]) {
        const failure = await failureOf(
          inAttempt({ attempt }, () => world.activities.awaitSpecStatus(input(specId), {})),
        );
        const readNumber = attempt - 1;
        assert.equal(failure.type, 'SpecStillProcessing');
        assert.equal(failure.category, 'BENIGN');
        assert.equal(failure.nonRetryable, false);
        assert.equal(failure.nextRetryDelay, expectedDelay(specId, readNumber + 1), `attempt ${attempt}`);
        const [details] = (failure.details ?? []) as StillProcessingDetails[];
        assert.equal(details?.readNumber, readNumber);
        assert.equal(details?.view?.status, 'PROCESSING');
        assert.ok(!('spec' in (details?.view ?? {})));
      }
      assert.equal(world.simulator.counters().requests.get, 3);
      // Without a first wait, attempt 1 reads at once.
      const immediate = await failureOf(
        inAttempt({ attempt: 1 }, () =>
          world.activities.awaitSpecStatus(input(specId, { firstWaitMs: 0, readsBefore: 7 }), {}),
        ),
      );
      assert.equal(immediate.nextRetryDelay, expectedDelay(specId, 9));
      assert.equal(world.simulator.counters().requests.get, 4);
    });

    it('a terminal read returns the view with its readNumber', async () => {
      const specId = await newSpec();
      world.simulator.control.complete(specId, 'SUCCEEDED');
      const awaited = await inAttempt({ attempt: 3 }, () =>
        world.activities.awaitSpecStatus(input(specId, { readsBefore: 5 }), {}),
      );
      assert.equal(awaited.readNumber, 7);
      assert.equal(awaited.status, 'SUCCEEDED');
      assert.equal(awaited.terminal, true);
      assert.match(String(awaited.spec?.content_yaml), /\S/);
    });

    it('an unknown status while waiting logs a warning and keeps waiting', async () => {
      const specId = await newSpec();
      world.simulator.control.injectOnce('unknownStatus');
      const { env, logger } = activityEnv({ attempt: 2 });
      const failure = await failureOf(inActivity(env, () => world.activities.awaitSpecStatus(input(specId), {})));
      assert.equal(failure.type, 'SpecStillProcessing');
      assert.ok(logger.lines.some((line) => line.level === 'WARN' && line.meta?.status === UNKNOWN_STATUS));
    });

    it('429 with Retry-After while waiting: a retryable RateLimitError whose nextRetryDelay is the header’s', async () => {
      const specId = await newSpec();
      world.simulator.control.injectOnce('rateLimit', { endpoint: 'get', retryAfter: { seconds: 2 } });
      const failure = await failureOf(
        inAttempt({ attempt: 2 }, () => world.activities.awaitSpecStatus(input(specId), {})),
      );
      assert.equal(failure.type, 'RateLimitError');
      assert.equal(failure.nonRetryable, false);
      assert.equal(failure.nextRetryDelay, 2_000);
      assert.deepEqual((failure.details?.[0] as { readNumber?: number }).readNumber, 1);
    });

    it('a 500 late in a long wait is retried on the poll schedule, not the policy backoff of attempt 20', async () => {
      const specId = await newSpec();
      world.simulator.control.injectOnce('http500', { endpoint: 'get' });
      const failure = await failureOf(
        inAttempt({ attempt: 20 }, () => world.activities.awaitSpecStatus(input(specId, { readsBefore: 0 }), {})),
      );
      assert.equal(failure.type, 'InternalServerError');
      assert.equal(failure.nonRetryable, false);
      const readNumber = 19; // attempt 20, after a first attempt that only waited
      assert.equal(
        failure.nextRetryDelay,
        pollDelayMs(SCHEDULE, readNumber + 1, deterministicFraction(specId, readNumber + 1)),
      );
      assert.equal((failure.details?.[0] as { readNumber?: number }).readNumber, readNumber);
    });

    it('a 404 while waiting follows the same grace rule', async () => {
      const young = await failureOf(
        inAttempt({ attempt: 2 }, () =>
          world.activities.awaitSpecStatus(input('gone'), {
            createdAtMs: Date.now(),
          }),
        ),
      );
      assert.equal(young.type, 'SpecNotYetVisible');
      const old = await failureOf(inAttempt({ attempt: 2 }, () => world.activities.awaitSpecStatus(input('gone'), {})));
      assert.equal(old.type, 'NotFoundError');
      assert.equal(old.nonRetryable, true);
    });
  });
});
