import assert from 'node:assert/strict';
import { batchItemWorkflowId, batchWorkflowId, MAX_BATCH_NAME_BYTES } from '../../src/common/batch-ids';

describe('batch workflow ids', function () {
  it('names a batch by its name, or by a hash of its input that ignores key order', function () {
    assert.equal(batchWorkflowId({}, 'nightly-2026-12-01'), 'dataframer-batch/nightly-2026-12-01');
    const a = batchWorkflowId({ source: { path: '/x.jsonl' }, concurrency: 5 });
    const b = batchWorkflowId({ concurrency: 5, source: { path: '/x.jsonl' } });
    assert.equal(a, b);
    assert.match(a, /^dataframer-batch\/[0-9a-f]{32}$/);
    assert.notEqual(a, batchWorkflowId({ source: { path: '/x.jsonl' }, concurrency: 6 }));
  });

  it('hashes names too long or with control characters, and refuses empty ones', function () {
    assert.match(batchWorkflowId({}, 'x'.repeat(MAX_BATCH_NAME_BYTES + 1)), /^dataframer-batch\/[0-9a-f]{32}$/);
    assert.match(batchWorkflowId({}, 'line\nbreak'), /^dataframer-batch\/[0-9a-f]{32}$/);
    assert.throws(() => batchWorkflowId({}, ' '), /must not be empty/);
  });

  it('gives each item <batch id>/item-<index>', function () {
    assert.equal(batchItemWorkflowId('dataframer-batch/b', 7), 'dataframer-batch/b/item-7');
  });
});
