import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { resolveBatchSettings } from '../../../src/workflows/batch/batch-settings';
import {
  newBatchState,
  recordOutcome,
  recordRateLimit,
  stopReasonOf,
  toBatchProgress,
  toBatchResult,
} from '../../../src/workflows/batch/batch-state';
import type { BatchState } from '../../../src/workflows';

const settings = (extra = {}) => resolveBatchSettings({ requests: [], ...extra });

function running(state: BatchState, ...indexes: number[]): void {
  for (const index of indexes) state.running[String(index)] = Date.now();
}

describe('batch state', function () {
  it('counts outcomes once, ignores items it does not run, and keeps the latest failures', function () {
    const state = newBatchState(settings());
    running(state, 0, 1, 2);
    assert.equal(recordOutcome(state, { index: 0, status: 'SUCCEEDED', specId: 's0' }), true);
    assert.equal(recordOutcome(state, { index: 0, status: 'SUCCEEDED', specId: 's0' }), false, 'twice');
    assert.equal(recordOutcome(state, { index: 9, status: 'SUCCEEDED' }), false, 'not running');
    recordOutcome(state, {
      index: 1,
      status: 'FAILED',
      name: 'n1',
      failure: { type: 'SpecGenerationFailed', message: 'm' },
    });
    recordOutcome(state, { index: 2, status: 'CANCELLED' });
    assert.deepEqual([state.succeeded, state.failed, state.cancelled], [1, 1, 1]);
    assert.deepEqual(state.specIds, { '0': 's0' });
    assert.deepEqual(
      state.latestFailures.map((f) => f.type),
      ['SpecGenerationFailed', 'Cancelled'],
    );
    state.nextIndex = 3;
    state.sourceDone = true;
    const result = toBatchResult(state);
    assert.equal(result.total, 3);
    assert.equal(result.failuresComplete, true);
    const progress = toBatchProgress(state);
    assert.equal(progress.running, 0);
    assert.ok(progress.specsPerMinute >= 0);
  });

  it('stops on maxFailures and on maxFailureRatio only after 10 finished', function () {
    const state = newBatchState(settings());
    state.failed = 3;
    assert.match(stopReasonOf(state, settings({ maxFailures: 3 })) ?? '', /^maxFailures: 3 specs failed \(limit 3\)/);
    assert.equal(stopReasonOf(state, settings({ maxFailureRatio: 0.5 })), undefined, 'only 3 finished');
    state.succeeded = 7;
    assert.match(stopReasonOf(state, settings({ maxFailureRatio: 0.3 })) ?? '', /^maxFailureRatio: 3 of 10/);
    assert.equal(stopReasonOf(state, settings({ maxFailureRatio: 0.31 })), undefined);
  });

  it('halves its window on a 429 and grows it back by one per success after a quiet minute', function () {
    const state = newBatchState(settings({ concurrency: 8 }));
    recordRateLimit(state);
    recordRateLimit(state);
    assert.equal(state.window, 2);
    running(state, 0, 1);
    recordOutcome(state, { index: 0, status: 'SUCCEEDED' });
    assert.equal(state.window, 2, 'not quiet yet');
    state.lastRateLimitAtMs = Date.now() - 61_000;
    recordOutcome(state, { index: 1, status: 'SUCCEEDED' });
    assert.equal(state.window, 3);
  });

  it('refuses bad batch input with InvalidInput naming the field', function () {
    for (const [input, field] of [
      [{}, 'requests'],
      [{ requests: [], source: { path: '/x' } }, 'requests'],
      [{ source: { url: 'ftp://x' } }, 'source'],
      [{ requests: [], concurrency: 1001 }, 'concurrency'],
      [{ requests: [], maxFailureRatio: 2 }, 'maxFailureRatio'],
      [{ requests: [], ifNameExists: 'merge' }, 'ifNameExists'],
      [{ requests: Array.from({ length: 1001 }, () => ({})) }, 'requests'],
      [{ requests: [], itemCheckInterval: '500 milliseconds' }, 'itemCheckInterval'],
      [{ requests: [], itemCheckInterval: 'soon' }, 'itemCheckInterval'],
      // What every child would get, of the wrong type: the batch fails at once, not each child.
      [{ requests: [], poll: 5 }, 'poll: must be an object'],
      [{ requests: [], poll: { jitter: '0.1' } }, 'poll.jitter: must be a number'],
      [{ requests: [], deadline: 'tomorrow' }, 'deadline: must be a positive Temporal duration'],
      [{ requests: [], onCancel: 5 }, 'onCancel: must be one of abandon, delete'],
      [{ requests: [], concurrency: '5' }, 'concurrency'],
      [{ requests: [], state: 'x' }, 'state: must be an object'],
      [{ source: { path: 5 } }, 'source'],
      [[{ requests: [] }], 'input: must be an object'],
    ] as const) {
      assert.throws(
        () => resolveBatchSettings(input as never),
        (err: unknown) =>
          err instanceof ApplicationFailure && err.type === 'InvalidInput' && err.message.includes(field),
        JSON.stringify(input).slice(0, 80),
      );
    }
    assert.equal(settings().concurrency, 50);
    assert.equal(settings().itemCheckIntervalMs, 120_000, "itemCheckInterval's default: BATCH_ITEM_CHECK_INTERVAL");
    assert.equal(settings({ itemCheckInterval: '2 seconds' }).itemCheckIntervalMs, 2_000);
  });
});
