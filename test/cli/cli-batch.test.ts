// `batch` as a user runs it, against a real dev server, our simulator and a worker on its own task
// queue: 50 lines with FAILED specs and an invalid line, the --json result, the file to run again,
// attaching on a re-run, bad input, and no secret in any output.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAST_POLL, useCliWorld } from './support/cli-world';

describe('cli: batch from a JSONL file on a dev server with the simulator', function () {
  this.timeout(90_000);
  const { world, cli } = useCliWorld({ completion: { afterReads: 1 }, failNamesMatching: '^fails-' });
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-batch-'));

  function writeLines(name: string, lines: string[]): string {
    const file = path.join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('runs 50 lines, exits 1 with the failures in the result and their lines in the file to run again', async function () {
    const run = randomUUID().slice(0, 8);
    const lines = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ name: `${i % 10 === 3 ? 'fails' : 'ok'}-${run}-${i}`, generation_objectives: `item ${i}` }),
    );
    lines[20] = JSON.stringify({ name: `no-objectives-${run}` }); // invalid: the schema needs objectives
    const file = writeLines(`fifty-${run}.jsonl`, ['', ...lines]); // a blank first line: line numbers count it
    const result = await cli(['batch', file, '--json', '--allow-invalid', '--concurrency', '20', ...FAST_POLL]);
    assert.equal(result.code, 1, result.stderr);
    const json = result.jsonLines();
    assert.equal(json[0]?.type, 'note');
    assert.match(String(json[0]?.message), /line 22: generation_objectives/);
    assert.deepEqual(
      [json[1]?.type, json[1]?.attached, json[1]?.mode, json[1]?.items],
      ['started', false, 'inline', 50],
    );
    assert.ok(json.some((line) => line.type === 'progress'));
    const end = json.at(-1)!;
    assert.equal(end.type, 'result');
    assert.deepEqual([end.total, end.succeeded, end.failed, end.notStarted], [50, 44, 6, 0]);
    const failures = end.failures as { index: number; type: string }[];
    assert.deepEqual(
      failures.map((f) => [f.index, f.type]).sort(([a], [b]) => Number(a) - Number(b)),
      [3, 13, 20, 23, 33, 43].map((i) => [i, i === 20 ? 'InvalidInput' : 'SpecGenerationFailed']),
    );
    assert.equal(end.failedOut, `${file}.failed.jsonl`);
    const rerun = readFileSync(`${file}.failed.jsonl`, 'utf8').trimEnd().split('\n');
    assert.deepEqual(
      rerun,
      [3, 13, 20, 23, 33, 43].map((i) => lines[i]),
    );
  });

  it('a second run of the same file attaches to the batch under way', async function () {
    const run = randomUUID().slice(0, 8);
    const lines = Array.from({ length: 5 }, (_, i) =>
      JSON.stringify({ name: `attach-${run}-${i}`, generation_objectives: 'x' }),
    );
    const file = writeLines(`attach-${run}.jsonl`, lines);
    // The specs' first read is a minute away: the batch is still running when the second run starts.
    const slow = ['--poll-interval', '1m'];
    const first = await cli(['batch', file, '--no-wait', '--json', ...slow]);
    assert.equal(first.code, 0, first.stderr);
    const started = first.jsonLines().at(-1)!;
    assert.equal(started.attached, false);
    const second = await cli(['batch', file, '--no-wait', '--json', ...slow]);
    const again = second.jsonLines().at(-1)!;
    assert.deepEqual([again.workflowId, again.attached], [started.workflowId, true]);
    assert.match(String(started.workflowId), /^dataframer-batch\/[0-9a-f]{32}$/);
    await world.env.client.workflow.getHandle(String(started.workflowId)).cancel();
  });

  it('draws plain lines off a terminal, exits 0 when all succeed and leaves an empty file to run again', async function () {
    const run = randomUUID().slice(0, 8);
    const file = writeLines(
      `plain-${run}.jsonl`,
      [0, 1, 2, 3].map((i) => JSON.stringify({ name: `plain-${run}-${i}`, generation_objectives: 'x' })),
    );
    const failedOut = path.join(dir, `again-${run}.jsonl`);
    const result = await cli(['batch', file, '--failed-out', failedOut, ...FAST_POLL]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes('\u001b['), 'no colours or redraws without a TTY');
    assert.match(result.stdout, /^Started dataframer-batch\/[0-9a-f]{32}: 4 specs from /m);
    assert.match(result.stdout, /\] \[#{30}\] 4\/4 {2}succeeded 4 {2}failed 0 {2}running 0/);
    assert.match(result.stdout, /^4 of 4 specs succeeded, 0 failed, 0 cancelled, 0 not started$/m);
    assert.match(result.stdout, new RegExp(`Nothing to run again \\(${failedOut} is empty\\)`));
    assert.equal(readFileSync(failedOut, 'utf8'), '');
  });

  it('exits 1 when --max-failures stops the batch; the unstarted lines are in the file to run again', async function () {
    const run = randomUUID().slice(0, 8);
    const lines = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({ name: `${i === 0 ? 'fails' : 'stop'}-${run}-${i}`, generation_objectives: 'x' }),
    );
    const file = writeLines(`stop-${run}.jsonl`, lines);
    const result = await cli(['batch', file, '--json', '--concurrency', '1', '--max-failures', '1', ...FAST_POLL]);
    assert.equal(result.code, 1, result.stderr);
    const end = result.jsonLines().at(-1)!;
    assert.match(String(end.stopReason), /^maxFailures: 1 specs failed/);
    assert.deepEqual([end.failed, end.notStarted, end.rerun], [1, 5, 6]);
    assert.deepEqual(readFileSync(`${file}.failed.jsonl`, 'utf8').trimEnd().split('\n'), lines);
  });

  it('--as-source passes an absolute path the worker reads, and the result is the same', async function () {
    const run = randomUUID().slice(0, 8);
    const lines = [0, 1, 2].map((i) =>
      JSON.stringify({ name: `${i === 1 ? 'fails' : 'src'}-${run}-${i}`, generation_objectives: 'x' }),
    );
    writeLines(`source-${run}.jsonl`, lines);
    // A relative path on the command line: the workflow gets it made absolute.
    const result = await cli([
      'batch',
      path.relative(process.cwd(), path.join(dir, `source-${run}.jsonl`)),
      '--json',
      '--as-source',
      ...FAST_POLL,
    ]);
    assert.equal(result.code, 1, result.stderr);
    const json = result.jsonLines();
    assert.equal(json[0]?.mode, 'source');
    assert.deepEqual(json[0]?.source, { path: path.join(dir, `source-${run}.jsonl`) });
    const end = json.at(-1)!;
    assert.deepEqual([end.succeeded, end.failed], [2, 1]);
    assert.deepEqual(readFileSync(path.join(dir, `source-${run}.jsonl.failed.jsonl`), 'utf8'), `${lines[1]}\n`);
  });

  it('exits 3 when Temporal is unreachable', async function () {
    const file = writeLines('unreachable.jsonl', [JSON.stringify({ name: 'x', generation_objectives: 'x' })]);
    const result = await cli(['batch', file, '--json'], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    assert.equal(result.code, 3, result.stderr);
    assert.match(String(result.jsonLines().at(-1)?.error), /Temporal is unreachable at 127\.0\.0\.1:1/);
  });

  it('exits 2 naming the line and field of a bad line, and starts nothing', async function () {
    const file = writeLines('bad.jsonl', [
      JSON.stringify({ name: 'fine', generation_objectives: 'x' }),
      '{"name": "broken"',
      JSON.stringify({ name: 'x', generation_objectives: 'x', databricks_client_secret: 'dbx-SECRET-value' }),
    ]);
    const bad = await cli(['batch', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /line 3: databricks_client_secret: must not be in workflow input/);
    assert.ok(!bad.stderr.includes('dbx-SECRET-value'));
    writeFileSync(file, `${JSON.stringify({ name: 'fine', generation_objectives: 'x' })}\n{"name": "broken"\n`);
    const broken = await cli(['batch', file, '--json']);
    assert.equal(broken.code, 2);
    assert.match(String(broken.jsonLines().at(-1)?.error), /line 2: not valid JSON/);
    const flag = await cli(['batch', file, '--concurrency', '0']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--concurrency must be an integer from 1 to 1,000/);
  });

  it('reports lines of the wrong type as bad input (exit 2, naming each); --allow-invalid runs them as InvalidInput failures', async function () {
    const run = randomUUID().slice(0, 8);
    const lines = [
      JSON.stringify({ name: `typed-${run}-0`, generation_objectives: 'x' }),
      JSON.stringify({ name: `typed-${run}-1`, dataset_id: 42 }),
      JSON.stringify({ name: 5, generation_objectives: 'x' }),
      JSON.stringify([1, 2]),
      JSON.stringify({ name: `typed-${run}-4`, generation_objectives: 'x' }),
    ];
    const file = writeLines(`typed-${run}.jsonl`, lines);
    const bad = await cli(['batch', file]);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /3 invalid requests/);
    assert.match(bad.stderr, /line 2: dataset_id: must be a UUID/);
    assert.match(bad.stderr, /line 3: name: must be a string/);
    assert.match(bad.stderr, /line 4: not a JSON object/);
    const result = await cli(['batch', file, '--json', '--allow-invalid', ...FAST_POLL]);
    assert.equal(result.code, 1, result.stderr);
    const end = result.jsonLines().at(-1)!;
    assert.deepEqual([end.total, end.succeeded, end.failed], [5, 2, 3]);
    const failures = (end.failures as { index: number; type: string; message: string }[]).sort(
      (a, b) => a.index - b.index,
    );
    assert.deepEqual(
      failures.map((f) => [f.index, f.type]),
      [1, 2, 3].map((i) => [i, 'InvalidInput']),
    );
    const messages = failures.map((f) => f.message);
    for (const [i, field] of [/request\.dataset_id/, /request\.name/, /request: must be an object/].entries()) {
      assert.match(messages[i]!, field);
    }
  });
});
