import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { startSimulator } from '../../src/simulator';
import { createSeedless, getSpec } from './helpers';

describe('simulator large specs', () => {
  it('specYamlBytes: a SUCCEEDED spec carries YAML of exactly that size, still valid YAML', async () => {
    const sim = await startSimulator({ completion: { manual: true }, specYamlBytes: 3_000_000 });
    try {
      const id = await createSeedless(sim, 'Large');
      sim.control.complete(id);
      const spec = await getSpec(sim, id);
      assert.equal(Buffer.byteLength(String(spec.content_yaml)), 3_000_000);
      assert.equal((parse(String(spec.content_yaml)) as { name: string }).name, 'Large');
    } finally {
      await sim.close();
    }
  });
});
