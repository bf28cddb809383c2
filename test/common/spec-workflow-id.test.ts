import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { MAX_READABLE_WORKFLOW_ID_BYTES, specWorkflowId } from '../../src/common/constants';
import { sha256Hex } from '../../src/common/sha256';

const DATASET_A = '0b7f2c1e-3d4a-4b5c-8d6e-7f8091a2b3c4';
const DATASET_B = '1c8e3d2f-4e5b-4c6d-9e7f-8091a2b3c4d5';

describe('specWorkflowId', () => {
  it('gives the same name seedless, in dataset A and in dataset B three different ids', () => {
    const ids = [
      specWorkflowId({ name: 'reviews' }),
      specWorkflowId({ name: 'reviews', dataset_id: DATASET_A }),
      specWorkflowId({ name: 'reviews', dataset_id: DATASET_B }),
    ];
    assert.deepEqual(ids, [
      'dataframer-spec/seedless/reviews',
      `dataframer-spec/dataset-${DATASET_A}/reviews`,
      `dataframer-spec/dataset-${DATASET_B}/reviews`,
    ]);
  });

  it('treats a dataset id in upper case and null dataset_id as the API does', () => {
    assert.equal(
      specWorkflowId({ name: 'x', dataset_id: DATASET_A.toUpperCase() }),
      specWorkflowId({ name: 'x', dataset_id: DATASET_A }),
    );
    assert.equal(specWorkflowId({ name: 'x', dataset_id: null }), specWorkflowId({ name: 'x' }));
  });

  it('keeps long, non-ASCII and control-character names under the byte budget and distinct', () => {
    const names = ['é'.repeat(5000), 'é'.repeat(4999) + 'e', '漢字🙂'.repeat(300), 'line\nbreak', 'line break'];
    const ids = names.map((name) => specWorkflowId({ name }));
    assert.equal(new Set(ids).size, names.length);
    for (const id of ids) {
      assert.ok(Buffer.byteLength(id, 'utf8') <= MAX_READABLE_WORKFLOW_ID_BYTES, id);
      assert.ok(![...id].some((char) => char.charCodeAt(0) < 0x20), id);
    }
    assert.match(ids[0]!, /^dataframer-spec\/seedless#[0-9a-f]{32}\/é+$/);
  });

  it('cannot be made to collide by a slash in the name or a dataset id that is not a UUID', () => {
    const a = specWorkflowId({ name: 'b/c', dataset_id: 'a' });
    const b = specWorkflowId({ name: 'c', dataset_id: 'a/b' });
    assert.notEqual(a, b);
    assert.match(a, /^dataframer-spec\/dataset#/);
    assert.notEqual(specWorkflowId({ name: `x#${'0'.repeat(32)}/y` }), specWorkflowId({ name: 'y' }));
  });
});

describe('sha256Hex', () => {
  it('agrees with node:crypto on block boundaries and multi-byte text', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é漢字🙂'.repeat(40)]) {
      assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });
});
