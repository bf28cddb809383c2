import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEFAULT_CLI_PORT, parseCliArgs } from '../../src/simulator/cli-args';
import { resolveSimulatorOptions, startSimulator } from '../../src/simulator';

const REPO = path.resolve(__dirname, '../..');

/** Runs a TypeScript file with tsx in a child process. */
function runTs(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, ['--require', 'tsx/cjs', file, ...args], {
    cwd: REPO,
    env: { ...process.env, DATAFRAMER_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(stream: NodeJS.ReadableStream): () => string {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  return () => text;
}

function exitOf(child: ReturnType<typeof spawn>, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child still running after ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('simulator lifecycle', () => {
  it('close() leaves nothing that keeps the process alive', async () => {
    const child = runTs('test/simulator/fixtures/close-and-exit.ts', []);
    const stdout = collect(child.stdout);
    const stderr = collect(child.stderr);
    assert.equal(await exitOf(child, 8_000), 0, stderr());
    assert.equal(stdout().trim(), 'pending request: connection closed');
  });

  it('rejects a port already in use', async () => {
    const sim = await startSimulator();
    try {
      const port = Number(new URL(sim.url).port);
      await assert.rejects(startSimulator({ port }), { code: 'EADDRINUSE' });
    } finally {
      await sim.close();
    }
  });

  it('resolves documented defaults and rejects impossible options', () => {
    const resolved = resolveSimulatorOptions();
    assert.deepEqual(
      { ...resolved, apiKey: undefined, clock: undefined },
      {
        ...{ host: '127.0.0.1', port: 0, apiKey: undefined, completion: { afterMs: 5_000 }, faults: {}, seed: 1 },
        ...{
          dataPlane: false,
          echoEvaluationModel: false,
          failNamesMatching: undefined,
          datasets: undefined,
          listPageSize: undefined,
          rejectKeys: undefined,
          specYamlBytes: undefined,
          outage: undefined,
          clock: undefined,
          listLag: { afterMs: 0, afterListCalls: 0 },
          clockSkewMs: 0,
        },
      },
    );
    assert.equal(resolved.clock, Date.now);
    assert.throws(() => resolveSimulatorOptions({ port: 70_000 }), { name: 'SimulatorOptionsError' });
    assert.throws(() => resolveSimulatorOptions({ listPageSize: 0 }), { name: 'SimulatorOptionsError' });
    assert.throws(() => resolveSimulatorOptions({ listLag: { afterListCalls: -1 } }), {
      name: 'SimulatorOptionsError',
    });
    assert.throws(() => resolveSimulatorOptions({ clockSkewMs: Number.NaN }), { name: 'SimulatorOptionsError' });
    assert.throws(() => resolveSimulatorOptions({ failNamesMatching: '(' }), { name: 'SimulatorOptionsError' });
    assert.throws(() => resolveSimulatorOptions({ completion: { afterMs: -1 } }), { name: 'SimulatorOptionsError' });
    assert.throws(() => resolveSimulatorOptions({ faults: { reset: 1.5 } }), { name: 'FaultPlanError' });
  });
});

describe('simulator CLI', () => {
  it('parses flags into options', () => {
    const config = parseCliArgs(
      ['--port', '9000', '--complete-after-reads', '3', '--fault-profile', 'mild', '--data-plane', '--seed', '7'],
      { DATAFRAMER_API_KEY: 'from-env' },
    );
    assert.ok(config !== 'help');
    assert.equal(config.keyFromEnv, true);
    assert.equal(config.options.apiKey, 'from-env');
    assert.equal(config.options.port, 9000);
    assert.deepEqual(config.options.completion, { afterMs: undefined, afterReads: 3, manual: false });
    assert.equal(config.options.faults?.http500, 0.02);
    assert.equal(config.options.dataPlane, true);
    assert.equal(config.options.seed, 7);
    const defaults = parseCliArgs(['--faults', '{"reset":0.5}'], {});
    assert.ok(defaults !== 'help');
    assert.equal(defaults.options.port, DEFAULT_CLI_PORT);
    assert.equal(defaults.options.completion, undefined);
    assert.deepEqual(defaults.options.faults, { reset: 0.5 });
    assert.equal(defaults.keyFromEnv, false);
    assert.equal(parseCliArgs(['--help'], {}), 'help');
    const strict = parseCliArgs(['--list-lag-ms', '500', '--list-lag-calls', '2', '--clock-skew-ms=-45000'], {});
    assert.ok(strict !== 'help');
    assert.deepEqual(strict.options.listLag, { afterMs: 500, afterListCalls: 2 });
    assert.equal(strict.options.clockSkewMs, -45_000);
    assert.throws(() => parseCliArgs(['--clock-skew-ms', '1.5'], {}), /--clock-skew-ms must be an integer/);
  });

  const badFlags: [string[], RegExp][] = [
    [['--bogus'], /Unknown option '--bogus'/],
    [['--port', 'abc'], /--port must be a non-negative integer/],
    [['--faults', '{oops'], /--faults: /],
    [['--faults', '{"http500":3}'], /http500/],
    [['--fault-profile', 'wild'], /unknown --fault-profile "wild"/],
    [['--faults', '{}', '--fault-profile', 'mild'], /not both/],
    [['--port', '99999'], /invalid port/],
  ];
  for (const [argv, message] of badFlags) {
    it(`refuses ${argv.join(' ')} with one line`, () => {
      assert.throws(
        () => parseCliArgs(argv, {}),
        (err: Error) => err.name === 'CliUsageError' && message.test(err.message) && !err.message.includes('\n'),
      );
    });
  }

  it('runs: prints one line, serves with the env key, stops cleanly on SIGTERM', async () => {
    const child = runTs('src/simulator/cli.ts', ['--port', '0', '--complete-after-reads', '0'], {
      DATAFRAMER_API_KEY: 'cli-test-key',
    });
    const stderr = collect(child.stderr);
    const exited = exitOf(child, 8_000);
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    assert.match(
      line,
      /^DataFramer simulator listening on http:\/\/127\.0\.0\.1:\d+ \(API key from DATAFRAMER_API_KEY\)$/,
    );
    const url = /http:\/\/[\d.:]+/.exec(line)?.[0] ?? '';
    const res = await fetch(`${url}/api/dataframer/specs/`, { headers: { authorization: 'Bearer cli-test-key' } });
    assert.equal(res.status, 200);
    await res.text();
    child.kill('SIGTERM');
    assert.equal(await exited, 0, stderr());
  });

  it('exits 2 with one line on a bad flag', async () => {
    const child = runTs('src/simulator/cli.ts', ['--nope']);
    const stderr = collect(child.stderr);
    assert.equal(await exitOf(child, 8_000), 2);
    assert.equal(stderr().trim().split('\n').length, 1);
    assert.match(stderr(), /Unknown option '--nope'/);
  });
});
