// Items of the wrong type beside good ones: each bad item fails alone with InvalidInput naming the
// field, and the batch ends. Before the fix a `dataset_id` that is a number threw a TypeError in the
// item's workflow code (`.trim()` in specScope), its workflow task was retried forever, the item never
// reported and the batch never ended.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { batchItemWorkflowId } from '../../../src/common/batch-ids';
import { getBatchOutcomes } from '../../../src/client';
import { createSpecsBatchWorkflow, type CreateSpecsBatchInput } from '../../../src/workflows';
import { createSpecHarness } from '../../support/spec-harness';
import { useTemporalWorld } from '../../support/temporal-world';
import { settleWithin, workflowTaskFailures } from '../support/stuck-tasks';
import { FAST_POLL, request } from './batch-support';

/** Real time a five-item batch of instant specs gets to end; it takes 2-5 s on a quiet machine. */
const BATCH_BOUND_MS = 45_000;

/** The bad items and the field each failure must name. */
function badItems(): { value: unknown; field: RegExp }[] {
  return [
    { value: { name: `bad-dataset-${randomUUID()}`, dataset_id: 42 }, field: /request\.dataset_id/ },
    { value: { name: 5, generation_objectives: 'Short product reviews' }, field: /request\.name/ },
    { value: [1, 2], field: /(request: must be an object|is not a JSON object)/ },
  ];
}

describe('createSpecsBatchWorkflow with items of the wrong type (time-skipping server)', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');

  for (const mode of ['inline', 'source'] as const) {
    it(`${mode}: the bad items fail with InvalidInput naming the field, the good ones succeed, the batch ends`, async function () {
      const h = await createSpecHarness(world.env, world.bundle, { simulator: { completion: { afterReads: 0 } } });
      const good = [request('typed', 0), request('typed', 1)];
      const bad = badItems();
      const items = [good[0], ...bad.map((b) => b.value), good[1]];
      const dir = mkdtempSync(path.join(tmpdir(), 'batch-types-'));
      const source = path.join(dir, 'requests.jsonl');
      writeFileSync(source, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
      const input = {
        ...(mode === 'inline' ? { requests: items } : { source: { path: source } }),
        concurrency: 5,
        poll: FAST_POLL,
      } as CreateSpecsBatchInput;
      const batchId = `batch-${randomUUID()}`;
      try {
        const { settled, outcomes, stuck } = await h.run(async () => {
          const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
            taskQueue: h.taskQueue,
            workflowId: batchId,
            args: [input],
          });
          const settled = await settleWithin(handle.result(), BATCH_BOUND_MS);
          const stuck: string[] = [];
          for (let index = 0; index < items.length; index++) {
            const failures = await workflowTaskFailures(world.env.client, batchItemWorkflowId(batchId, index));
            if (failures.length > 0)
              stuck.push(`item ${index}: ${failures.length} WorkflowTaskFailed (${failures[0]})`);
          }
          stuck.push(...(await workflowTaskFailures(world.env.client, batchId)).map((m) => `batch: ${m}`));
          const outcomes = [];
          if (settled.status === 'resolved') {
            for await (const outcome of getBatchOutcomes(world.env.client, batchId, items.length, 1)) {
              outcomes.push(outcome);
            }
          }
          return { settled, outcomes, stuck };
        });
        assert.equal(settled.status, 'resolved', `batch not ended within ${BATCH_BOUND_MS} ms; ${stuck.join('; ')}`);
        assert.deepEqual(stuck, [], 'no workflow task may fail');
        const result = settled.value;
        assert.deepEqual([result.total, result.succeeded, result.failed], [5, 2, 3], JSON.stringify(result.failures));
        assert.deepEqual(
          outcomes.map((o) => o.status),
          ['SUCCEEDED', 'FAILED', 'FAILED', 'FAILED', 'SUCCEEDED'],
        );
        bad.forEach(({ field }, i) => {
          const failure = outcomes[i + 1]?.failure;
          assert.equal(failure?.type, 'InvalidInput', JSON.stringify(failure));
          assert.match(failure.message, field);
        });
        assert.equal(h.simulator.counters().specsTotal, 2, 'no spec created for a bad item');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
