import assert from 'node:assert/strict';
import {
  DEFAULT_POLL_SCHEDULE,
  deterministicFraction,
  pollDelayMs,
  readsToCover,
  specReadDelayMs,
  resolvePollSchedule,
} from '../../src/common/poll-schedule';

const HOUR_MS = 3_600_000;

describe('poll schedule', function () {
  const defaults = resolvePollSchedule();

  it('resolves the documented defaults to milliseconds', function () {
    assert.deepEqual(defaults, {
      initialIntervalMs: 10_000,
      backoffCoefficient: 2,
      maximumIntervalMs: 60_000,
      jitter: 0.1,
    });
    assert.deepEqual(resolvePollSchedule(DEFAULT_POLL_SCHEDULE), defaults);
    assert.deepEqual(resolvePollSchedule({ initialInterval: 500, maximumInterval: '2 minutes' }), {
      ...defaults,
      initialIntervalMs: 500,
      maximumIntervalMs: 120_000,
    });
  });

  it('grows by the coefficient from the initial interval up to the maximum', function () {
    const waits = [1, 2, 3, 4, 5, 40].map((read) => pollDelayMs(defaults, read, 0));
    assert.deepEqual(waits, [10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('jitter only shortens a wait, by at most its fraction, so the maximum is a true ceiling', function () {
    for (let read = 1; read <= 50; read++) {
      for (const random of [0, 0.25, 0.5, 0.999]) {
        const wait = pollDelayMs(defaults, read, random);
        const unjittered = pollDelayMs(defaults, read, 0);
        assert.ok(wait <= unjittered && wait >= unjittered * 0.9 - 1, `read ${read}, random ${random}: ${wait}`);
        assert.ok(wait <= defaults.maximumIntervalMs);
      }
    }
  });

  it('draws repeatable jitter fractions in [0, 1) that spread evenly', function () {
    assert.equal(deterministicFraction('spec-a', 3), deterministicFraction('spec-a', 3));
    assert.notEqual(deterministicFraction('spec-a', 3), deterministicFraction('spec-a', 4));
    const buckets = [0, 0, 0, 0];
    for (let counter = 0; counter < 4_000; counter++) {
      const fraction = deterministicFraction('spec-b', counter);
      assert.ok(fraction >= 0 && fraction < 1);
      buckets[Math.floor(fraction * 4)]! += 1;
    }
    for (const count of buckets) assert.ok(count > 800 && count < 1_200, `buckets ${buckets.join(', ')}`);
  });

  it('at the defaults, sees a one-hour generation within 60 s with 66 reads (a fixed 5 s poller makes 720)', function () {
    // The reads while it processes, plus the one that sees it done.
    assert.equal(readsToCover(defaults, HOUR_MS, 0.5) + 1, 66);
    assert.ok(readsToCover(defaults, HOUR_MS, 1) <= 70);
    const fixedFiveSeconds = resolvePollSchedule({
      initialInterval: '5 seconds',
      maximumInterval: '5 seconds',
      jitter: 0,
    });
    assert.equal(readsToCover(fixedFiveSeconds, HOUR_MS, 0), 720);
    assert.ok(readsToCover(resolvePollSchedule({ maximumInterval: '105 seconds' }), HOUR_MS, 0.5) + 1 <= 40);
  });

  it('draws the per-spec wait from the spec id, the same in the activity and the workflow', function () {
    assert.equal(specReadDelayMs(defaults, 'spec-c', 5), pollDelayMs(defaults, 5, deterministicFraction('spec-c', 5)));
    assert.equal(specReadDelayMs(defaults, 'spec-c', 5), specReadDelayMs(defaults, 'spec-c', 5));
  });

  it('rejects impossible schedules, naming the field', function () {
    assert.throws(() => resolvePollSchedule({ initialInterval: 0 }), /initialInterval/);
    assert.throws(() => resolvePollSchedule({ backoffCoefficient: 0.5 }), /backoffCoefficient/);
    assert.throws(
      () => resolvePollSchedule({ initialInterval: '2 minutes', maximumInterval: '1 minute' }),
      /maximumInterval/,
    );
    assert.throws(() => resolvePollSchedule({ jitter: 1.5 }), /jitter/);
    assert.throws(() => resolvePollSchedule({ initialInterval: 'soon' }), /Invalid duration/);
  });
});
