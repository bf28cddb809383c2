// The CLI's parsing and its exit codes where no server is needed: help, bad flags, bad request fields,
// a bad environment, an unreachable Temporal.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CREATE_SPEC_REQUEST_FIELDS } from '../../src/dataframer/create-spec-request';
import { findFreePort } from '../../src/testing/dev-server';
import { runCli } from '../support/cli-process';

const COMMANDS = ['create', 'status', 'cancel', 'worker', 'simulator', 'demo', 'provision'];

describe('cli: parsing and exit codes without a server', function () {
  this.timeout(60_000);

  it('answers --help on the program and on every command, exit 0', async function () {
    const runs = await Promise.all([runCli(['--help']), ...COMMANDS.map((command) => runCli([command, '--help']))]);
    assert.deepEqual(
      runs.map((run) => run.code),
      runs.map(() => 0),
    );
    for (const command of COMMANDS) assert.match(runs[0].stdout, new RegExp(`^  ${command}\\b`, 'm'));
    const [, create, , , , simulator] = runs;
    for (const field of CREATE_SPEC_REQUEST_FIELDS) {
      const flag = `--${field.name.replaceAll('_', '-')}`;
      assert.ok(create!.stdout.includes(field.kind === 'string' ? `${flag} <value>` : flag), `create has ${flag}`);
    }
    assert.match(create!.stdout, /--no-generate-distributions/);
    assert.match(simulator!.stdout, /Usage: dataframer-temporal simulator \[flags\]/);
  });

  it('exits 2 on an unknown flag, naming it', async function () {
    const run = await runCli(['create', '--nme', 'x']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown option '--nme'/);
  });

  it('with --json, a usage error (unknown flag, missing argument, bad value) still ends with the one result line', async function () {
    const usageErrors = [
      { args: ['create', '--nme', 'x', '--json'], error: /unknown option '--nme'/ },
      { args: ['status', '--json'], error: /missing required argument 'name'/ },
      { args: ['batch', 'x.jsonl', '--json', '--concurrency'], error: /option '--concurrency <n>' argument missing/ },
      { args: ['cancel', 'x', '--json', '--wait', 'soon'], error: /--wait must be a whole number of seconds/ },
      { args: ['nope', '--json'], error: /unknown command 'nope'/ },
    ];
    const runs = await Promise.all(usageErrors.map(({ args }) => runCli(args, { TEMPORAL_ADDRESS: '127.0.0.1:1' })));
    runs.forEach((run, i) => {
      const { args, error } = usageErrors[i]!;
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      const lines = run.jsonLines();
      assert.equal(lines.length, 1, `${args.join(' ')}: stdout ${JSON.stringify(run.stdout)}`);
      assert.deepEqual([lines[0]?.type, lines[0]?.ok, lines[0]?.exitCode], ['result', false, 2]);
      assert.match(String(lines[0]?.error), error);
    });
  });

  it('exits 2 on a bad request field before connecting, naming the field and its flag; --json ends with the result', async function () {
    const run = await runCli(['create', '--name', 'x', '--json'], { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    assert.equal(run.code, 2);
    const last = run.jsonLines().at(-1);
    assert.equal(last?.type, 'result');
    assert.equal(last?.exitCode, 2);
    assert.match(String(last?.error), /generation_objectives \(--generation-objectives\): required for seedless specs/);
    const uuid = await runCli(['create', '--name', 'x', '--dataset-id', 'nope']);
    assert.equal(uuid.code, 2);
    assert.match(uuid.stderr, /dataset_id \(--dataset-id\): must be a UUID/);
  });

  it('exits 2 on a --file with an unknown field or a secret, naming it; flags override the file', async function () {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'cli-file-'));
    const file = path.join(folder, 'request.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'x', generation_objectives: 'y', databricks_client_secret: 'dbx-SECRET' }),
    );
    const run = await runCli(['create', '--file', file, '--generation-objectives', '']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /databricks_client_secret: must not be in workflow input/);
    assert.match(run.stderr, /generation_objectives \(--generation-objectives\): required for seedless specs/);
    assert.doesNotMatch(run.stderr, /dbx-SECRET/);
  });

  it('exits 2 on a bad environment in one line, without quoting a secret', async function () {
    const run = await runCli(['status', 'x'], { TEMPORAL_ADDRESS: 'nope', TEMPORAL_API_KEY: 'tk SECRET-123' });
    assert.equal(run.code, 2);
    assert.equal(run.stderr.trim().split('\n').length, 1);
    assert.match(run.stderr, /TEMPORAL_ADDRESS must be host:port/);
    assert.match(run.stderr, /TEMPORAL_API_KEY must not contain whitespace/);
    assert.doesNotMatch(run.stderr + run.stdout, /SECRET-123/);
    const worker = await runCli(['worker']);
    assert.equal(worker.code, 2);
    assert.match(worker.stderr, /DATAFRAMER_API_KEY is required/);
  });

  it('exits 3 when Temporal does not answer', async function () {
    const port = await findFreePort();
    const run = await runCli(['status', 'x', '--json'], { TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    assert.equal(run.code, 3);
    assert.match(String(run.jsonLines().at(-1)?.error), new RegExp(`Temporal is unreachable at 127.0.0.1:${port}`));
  });
});
