import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const RESULT_BLOCK =
  /^demo-[a-z-]+-[0-9a-f]{6} {2}SUCCEEDED {2}spec [0-9a-f-]{36} {2}\d+ reads {2}[\d.]+ s\n {4}spec_version: 1$/gm;
const SUMMARY = /^5 specs: 5 succeeded, 0 failed in [\d.]+ s; \d+ status reads; \d+ injected faults? retried/m;
const FIRST_PROGRESS_LINE = /^\[\s*[\d.]+ s\] demo-/m;

/** The demo's process, started as `npm run demo` would but without npm, its output collected. */
interface DemoProcess {
  child: ChildProcess;
  stdout(): string;
  output(): string;
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** The exit code, or fails after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<number | null>;
}

/** The test's environment without anything that would make the demo use servers of its own. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(TEMPORAL_|DATAFRAMER_)/.test(name) || name.endsWith('_PATH')),
  );
  return { ...env, ...extra };
}

// Its own process group (detached), so a test can send SIGINT to the whole group as a terminal's
// Ctrl-C does, and kill whatever is left if the test fails.
function spawnDemo(env: NodeJS.ProcessEnv = cleanEnv()): DemoProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'demo', 'cli.ts')], {
    cwd: PACKAGE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
  return {
    child,
    stdout: () => stdout,
    output,
    async waitForStdout(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(stdout)) {
        if (child.exitCode !== null || Date.now() > deadline) assert.fail(`no ${String(pattern)}; ${output()}`);
        await sleep(100);
      }
    },
    async waitForExit(timeoutMs) {
      const timer = new AbortController();
      const timeout = sleep(timeoutMs, 'timeout', { signal: timer.signal }).catch(() => 'aborted');
      const first = await Promise.race([exited.then(() => 'exited'), timeout]);
      timer.abort();
      if (first !== 'exited') assert.fail(`demo still running after ${timeoutMs} ms; ${output()}`);
      return child.exitCode;
    },
  };
}

function killGroup(demo: DemoProcess | undefined): void {
  if (demo?.child.pid === undefined) return;
  try {
    process.kill(-demo.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isListening(port: number): Promise<boolean> {
  const socket = connect({ host: '127.0.0.1', port });
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** The dev server's pid and port and the simulator's port, as the demo printed them. */
function embeddedParts(stdout: string): { devServerPid: number; ports: number[] } {
  const temporal = /^Temporal: +embedded dev server at 127\.0\.0\.1:(\d+) \(pid (\d+)\)$/m.exec(stdout);
  const simulator = /^DataFramer: +embedded simulator at http:\/\/127\.0\.0\.1:(\d+) /m.exec(stdout);
  assert.ok(temporal && simulator, `embedded parts not printed:\n${stdout}`);
  return { devServerPid: Number(temporal[2]), ports: [Number(temporal[1]), Number(simulator[1])] };
}

async function assertNothingLeftRunning(stdout: string): Promise<void> {
  const { devServerPid, ports } = embeddedParts(stdout);
  const deadline = Date.now() + 3_000; // an orphan killed on exit may take a moment to go
  while (isAlive(devServerPid) && Date.now() < deadline) await sleep(100);
  assert.equal(isAlive(devServerPid), false, `dev server ${devServerPid} still running`);
  for (const port of ports) assert.equal(await isListening(port), false, `port ${port} still open`);
}

describe('demo: `npm run demo` end to end', function () {
  this.timeout(120_000);
  let demo: DemoProcess | undefined;

  afterEach(function () {
    killGroup(demo);
    demo = undefined;
  });

  it('with nothing configured, runs its specs on an embedded dev server, simulator and worker, then exits 0 leaving nothing running', async function () {
    demo = spawnDemo();
    const code = await demo.waitForExit(90_000);
    assert.equal(code, 0, demo.output());
    const stdout = demo.stdout();
    assert.equal(stdout.match(RESULT_BLOCK)?.length, 5, stdout);
    assert.match(stdout, SUMMARY);
    assert.match(stdout, FIRST_PROGRESS_LINE);
    await assertNothingLeftRunning(stdout);
  });

  it('on Ctrl-C (SIGINT to its process group), exits 130 within 15 s leaving nothing running', async function () {
    demo = spawnDemo();
    await demo.waitForStdout(FIRST_PROGRESS_LINE, 60_000);
    process.kill(-demo.child.pid!, 'SIGINT');
    const code = await demo.waitForExit(15_000);
    assert.equal(code, 130, demo.output());
    assert.match(demo.stdout(), /^5 specs: 0 succeeded, 0 failed, 5 cancelled in /m);
    await assertNothingLeftRunning(demo.stdout());
  });

  it('on SIGTERM to the demo alone, terminates its workflows and stops the worker and servers itself, exit code 143', async function () {
    demo = spawnDemo();
    await demo.waitForStdout(FIRST_PROGRESS_LINE, 60_000);
    demo.child.kill('SIGTERM');
    const code = await demo.waitForExit(15_000);
    assert.equal(code, 143, demo.output());
    assert.equal(demo.stdout().match(/^ {4}Terminated: the demo was stopped$/gm)?.length, 5, demo.output());
    assert.doesNotMatch(demo.output(), /^cleanup: /m);
    await assertNothingLeftRunning(demo.stdout());
  });

  it('refuses DATAFRAMER_API_KEY without DATAFRAMER_BASE_URL in one line, exit code 2, without the key', async function () {
    demo = spawnDemo(cleanEnv({ DATAFRAMER_API_KEY: 'sk-demo-SECRET' }));
    const code = await demo.waitForExit(30_000);
    assert.equal(code, 2, demo.output());
    assert.equal(demo.stdout(), '');
    assert.doesNotMatch(demo.output(), /sk-demo-SECRET/);
    assert.match(
      demo.output(),
      /stderr:\nDATAFRAMER_API_KEY and DATAFRAMER_BASE_URL go together: .*\(DATAFRAMER_BASE_URL is missing\)\n$/,
    );
  });
});
