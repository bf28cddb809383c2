import assert from 'node:assert/strict';
import { JOB_READERS, toJobStatusView } from '../../src/activities';
import { toSpecStatusView } from '../../src/activities/spec-status-view';
import { RUN_RESOURCE, SPEC_RESOURCE, type Spec } from '../../src/dataframer';
import { startWorld } from './support/activity-harness';

describe('generic job status views', () => {
  it('read specs the way the spec view does (status, failure text, terminal object)', () => {
    const specs: Spec[] = [
      { id: 's', status: 'PROCESSING', updated_at: '2026-01-01T00:00:00Z' },
      { id: 's', status: 'READY', content_yaml: 'spec_version: 1\n' },
      { id: 's', status: 'FAILED', error: 'no properties' },
      { id: 's', status: 'IN_PROGRESS' },
    ];
    for (const spec of specs) {
      const generic = toJobStatusView(SPEC_RESOURCE, 's', spec, 1024 * 1024);
      const own = toSpecStatusView('s', spec);
      assert.deepEqual(
        [generic.status, generic.rawStatus, generic.knownStatus, generic.terminal, generic.errorMessage],
        [own.status, own.rawStatus, own.knownStatus, own.terminal, own.errorMessage],
        JSON.stringify(spec),
      );
      assert.equal(generic.progress.updatedAt, own.updatedAt);
      assert.equal(generic.final?.content_yaml, own.spec?.content_yaml);
    }
  });

  it('leaves the whole object out, counted, when even its small part is over the limit', () => {
    const run = { id: 'r', status: 'SUCCEEDED', generated_files: [{ id: 'f' }], spec_name: 'x'.repeat(5_000) };
    const view = toJobStatusView(RUN_RESOURCE, 'r', run, 1_000);
    assert.equal(view.final, undefined);
    assert.ok((view.omitted?.['*']?.bytes ?? 0) > 5_000);
    assert.equal(view.terminal, true);
  });

  it('JOB_READERS read every kind from the API and the same view function builds each view', async () => {
    const world = await startWorld();
    try {
      const { id: specId } = await world.client.createSpec({ name: 'readers', generation_objectives: 'x' });
      world.simulator.control.complete(specId);
      const run = await world.client.createRun({ spec_id: specId, number_of_samples: 2 });
      world.simulator.control.completeRun(run.id);
      const evaluation = await world.client.createEvaluation({ run_id: run.id });
      for (const [kind, id, status] of [
        ['spec', specId, 'SUCCEEDED'],
        ['run', run.id, 'SUCCEEDED'],
        ['evaluation', evaluation.id, 'PENDING'],
      ] as const) {
        const reader = JOB_READERS[kind];
        const view = toJobStatusView(reader.description, id, await reader.read(world.client, id), 64 * 1024);
        assert.deepEqual([view.kind, view.id, view.status], [kind, id, status]);
      }
    } finally {
      await world.close();
    }
  });
});
