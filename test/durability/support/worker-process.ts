import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { WORKER_ENVIRONMENT_VARIABLES } from '../../../src/worker/worker-config';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..', '..');
const READY_LINE = 'dataframer-temporal worker polling task queue';

/** A `src/worker.ts` process: the real entrypoint, run by node itself (no npm, npx or tsx wrapper). */
export interface WorkerProcess {
  /** The node process that runs the worker: SIGKILL on this pid kills the worker itself. */
  readonly pid: number;
  /** The SDK's default worker identity, `<pid>@<hostname>`, as history events record it. */
  readonly identity: string;
  /** Resolves once the worker prints its polling line; rejects if it exits first or after `timeoutMs`. */
  ready(timeoutMs?: number): Promise<void>;
  /** False once the process has exited. */
  alive(): boolean;
  /** SIGKILL, then waits until the process is gone. */
  kill9(): Promise<void>;
  /** Both output streams so far, for failure messages. */
  output(): string;
}

function exitedOf(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** The test process's environment without any variable the worker reads, plus `env`. */
function isolatedEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of WORKER_ENVIRONMENT_VARIABLES) delete base[variable.name];
  return { ...base, ...env };
}

/**
 * Spawns `node -r tsx/cjs src/worker.ts`. `node` is this test's own executable, so the child's pid is
 * the worker's: a signal reaches the worker and not a wrapper that would leave it running.
 */
export function spawnWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', path.join('src', 'worker.ts')], {
    cwd: PACKAGE_ROOT,
    env: isolatedEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not spawn the worker process');
  const pid = child.pid;
  let output = '';
  const append = (chunk: Buffer) => {
    // Keep the tail only: the SDK logs every worker state change to stderr.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  async function ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(READY_LINE)) {
      if (exitedOf(child)) throw new Error(`worker ${pid} exited before polling:\n${output}`);
      if (Date.now() > deadline) throw new Error(`worker ${pid} not polling after ${timeoutMs} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function kill9(): Promise<void> {
    if (!exitedOf(child)) process.kill(pid, 'SIGKILL');
    await exited;
  }

  return {
    pid,
    identity: `${pid}@${hostname()}`,
    ready,
    alive: () => !exitedOf(child),
    kill9,
    output: () => output,
  };
}
