import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import path from 'node:path';
import { WORKER_ENVIRONMENT_VARIABLES } from '../../src/worker/worker-config';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
/** What the worker prints once it polls its task queue. */
export const WORKER_READY_LINE = 'dataframer-temporal worker polling task queue';
// Keep the tail of each stream only: the SDK logs every worker state change to stderr.
const MAX_KEPT_OUTPUT = 100_000;

/** A `src/worker.ts` process: the real entrypoint, run by node itself (no npm, npx or tsx wrapper). */
export interface WorkerProcess {
  child: ChildProcess;
  /** The node process that runs the worker: a signal to this pid reaches the worker itself. */
  readonly pid: number;
  /** The SDK's default worker identity, `<pid>@<hostname>`, as history events record it. */
  readonly identity: string;
  stdout(): string;
  stderr(): string;
  /** Both streams, for failure messages. */
  output(): string;
  /** Resolves once stdout holds `text`; rejects if the process exits first or after `timeoutMs`. */
  waitForStdout(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves once the worker polls its task queue. */
  ready(timeoutMs?: number): Promise<void>;
  /** The exit code (or signal name) and how long after this call it came. */
  waitForExit(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  /** False once the process has exited. */
  alive(): boolean;
  /** SIGKILL, then waits until the process is gone. */
  kill9(): Promise<void>;
  /** SIGKILL if still running, without waiting (cleanup). */
  kill(): void;
}

/** The test process's environment without any variable the worker reads, plus `env`. */
function isolatedEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of WORKER_ENVIRONMENT_VARIABLES) delete base[variable.name];
  return { ...base, ...env };
}

async function within<T>(work: Promise<T>, timeoutMs: number, why: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(why())), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts the entrypoint as `npm run worker` would, minus npm: node with tsx as an import hook, so the
 * child's pid is the worker's and a SIGKILL or SIGTERM reaches the worker, not a wrapper.
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'worker.ts')], {
    cwd: PACKAGE_ROOT,
    env: isolatedEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not spawn the worker process');
  const pid = child.pid;
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-MAX_KEPT_OUTPUT)));
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-MAX_KEPT_OUTPUT)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const output = () => `stdout:\n${stdout}\nstderr:\n${stderr.slice(-4_000)}`;

  async function waitForStdout(text: string, timeoutMs = 30_000): Promise<void> {
    const printed = (async () => {
      while (!stdout.includes(text)) {
        if (!alive())
          throw new Error(
            `worker ${pid} exited (code ${child.exitCode}) before printing ${JSON.stringify(text)}; ${output()}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    await within(
      printed,
      timeoutMs,
      () => `no ${JSON.stringify(text)} from worker ${pid} within ${timeoutMs} ms; ${output()}`,
    );
  }

  async function waitForExit(timeoutMs = 20_000) {
    const startedAt = Date.now();
    await within(exited, timeoutMs, () => `worker ${pid} still running after ${timeoutMs} ms`);
    return { code: child.exitCode, signal: child.signalCode, afterMs: Date.now() - startedAt };
  }

  return {
    child,
    pid,
    identity: `${pid}@${hostname()}`,
    stdout: () => stdout,
    stderr: () => stderr,
    output,
    waitForStdout,
    ready: (timeoutMs) => waitForStdout(WORKER_READY_LINE, timeoutMs),
    waitForExit,
    alive,
    async kill9() {
      if (alive()) process.kill(pid, 'SIGKILL');
      await exited;
    },
    kill: () => {
      if (alive()) child.kill('SIGKILL');
    },
  };
}
