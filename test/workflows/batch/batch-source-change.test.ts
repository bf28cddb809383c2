// The batch carries its source's first-page fingerprint to every later page: a file that changes
// between pages makes the next readBatchPage fail with BatchSourceChanged instead of skipping or
// repeating lines. The real activity runs; a wrapper around it changes the file after the first page.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { createActivities, type ReadBatchPageInput } from '../../../src/activities';
import { DataFramerClient } from '../../../src/dataframer';
import { createSpecsBatchWorkflow } from '../../../src/workflows';
import { useTemporalWorld } from '../../support/temporal-world';

/** A line of about 130 KB that is not a request: each page holds one, and its item fails alone, at once. */
const bigInvalidLine = (i: number) => `${JSON.stringify([i, 'x'.repeat(130 * 1024)])}\n`;

describe('createSpecsBatchWorkflow: a source that changes between pages', function () {
  this.timeout(120_000);
  const world = useTemporalWorld('time-skipping');
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'batch-source-change-'))));
  after(async () => rm(dir, { recursive: true, force: true }));

  it('passes the first page fingerprint to the next page, which fails with BatchSourceChanged', async function () {
    const file = path.join(dir, 'requests.jsonl');
    await writeFile(file, [0, 1, 2, 3].map(bigInvalidLine).join(''));
    const client = new DataFramerClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'unused' });
    const activities = createActivities({ client });
    const reads: { input: ReadBatchPageInput; failure?: unknown }[] = [];
    const readBatchPage = async (input: ReadBatchPageInput) => {
      const read: (typeof reads)[number] = { input };
      reads.push(read);
      try {
        const page = await activities.readBatchPage(input);
        if (reads.length === 1) await appendFile(file, bigInvalidLine(4)); // the file grows after page 1
        return page;
      } catch (err) {
        read.failure = err;
        throw err;
      }
    };
    const taskQueue = `batch-source-change-${randomUUID()}`;
    const worker = await Worker.create({
      connection: world.env.nativeConnection,
      taskQueue,
      workflowBundle: world.bundle,
      activities: { ...activities, readBatchPage },
    });
    await worker.runUntil(async () => {
      const handle = await world.env.client.workflow.start(createSpecsBatchWorkflow, {
        taskQueue,
        workflowId: `batch-${randomUUID()}`,
        args: [{ source: { path: file }, concurrency: 1 }],
      });
      for (let i = 0; i < 200 && !reads.some((read) => read.failure !== undefined); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // What the batch then does with a failed source is its own business: stop it here.
      await handle.terminate('test over').catch(() => undefined);
    });
    await client.close();
    const [first, second] = reads;
    assert.ok(first && second, `${reads.length} page reads`);
    assert.equal(first.input.expected, undefined, 'the first page has nothing to compare with');
    assert.equal(typeof second.input.expected?.size, 'number', 'the second page gets the first page fingerprint');
    assert.ok(second.failure instanceof ApplicationFailure, String(second.failure));
    assert.equal(second.failure.type, 'BatchSourceChanged');
    assert.match(second.failure.message, /size \d+ → \d+/);
  });
});
