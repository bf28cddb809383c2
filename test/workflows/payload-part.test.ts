import assert from 'node:assert/strict';
import { PIPELINE_PART_MAX_BYTES, payloadPart } from '../../src/workflows/waiting/payload-part';

describe('pipeline payload rule', function () {
  it('keeps a part up to PIPELINE_PART_MAX_BYTES and replaces a larger one by its size and where to fetch it', function () {
    const small = { id: 'r', status: 'SUCCEEDED' };
    assert.deepEqual(payloadPart(small, 'GET /api/dataframer/runs/r/'), small);
    // Multi-byte characters count as UTF-8 bytes, not as string length.
    const large = { id: 'r', text: 'é'.repeat(PIPELINE_PART_MAX_BYTES / 2) };
    const part = payloadPart(large, 'GET /api/dataframer/runs/r/');
    assert.deepEqual(part, {
      omitted: { bytes: JSON.stringify(large).length + PIPELINE_PART_MAX_BYTES / 2 },
      fetch: 'GET /api/dataframer/runs/r/',
    });
  });
});
