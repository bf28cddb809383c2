import assert from 'node:assert/strict';
import { retryOnSchedule, stillProcessing } from '../../src/activities/await-spec';
import { ApplicationFailure } from '@temporalio/common';
import { MIN_RETRY_DELAY_MS } from '../../src/common/activity-policies';
import { resolvePollSchedule } from '../../src/common/poll-schedule';

const view = {
  specId: 's',
  status: 'PROCESSING',
  rawStatus: 'PROCESSING',
  knownStatus: true,
  terminal: false,
} as const;

describe('no delay handed to Temporal is zero', function () {
  it('a poll schedule with jitter 1 never asks for a zero nextRetryDelay', function () {
    for (const schedule of [
      resolvePollSchedule({ jitter: 1 }),
      resolvePollSchedule({ initialInterval: 1, maximumInterval: 3, jitter: 1 }),
    ]) {
      const floor = Math.min(MIN_RETRY_DELAY_MS, schedule.initialIntervalMs);
      for (let read = 1; read <= 500; read++) {
        const input = { specId: `spec-${read % 37}`, schedule, readsBefore: 0, firstWaitMs: 0 };
        const still = stillProcessing(input, read, view);
        assert.ok(Number(still.nextRetryDelay) >= floor, `read ${read}: ${String(still.nextRetryDelay)}`);
        const transient = retryOnSchedule(input, read, ApplicationFailure.retryable('blip', 'ConnectionError'));
        assert.ok(transient instanceof ApplicationFailure);
        assert.ok(Number(transient.nextRetryDelay) >= floor, `read ${read}: ${String(transient.nextRetryDelay)}`);
      }
    }
  });
});
