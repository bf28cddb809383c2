import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { WORKER_ENVIRONMENT_VARIABLES } from '../../src/worker/worker-config';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** A `src/worker.ts` process with its output collected. */
export interface WorkerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds `text`; rejects if the process exits first or after `timeoutMs`. */
  waitForStdout(text: string, timeoutMs?: number): Promise<void>;
  /** The exit code (or signal name) and how long after this call it came. */
  waitForExit(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }>;
  /** SIGKILL if still running (cleanup). */
  kill(): void;
}

/** The test process's environment without any variable the worker reads, plus `env`. */
function isolatedEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of WORKER_ENVIRONMENT_VARIABLES) delete base[variable.name];
  return { ...base, ...env };
}

/** Starts the entrypoint as `npm run worker` would, minus npm (node with tsx as an import hook). */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'worker.ts')], {
    cwd: PACKAGE_ROOT,
    env: isolatedEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  function waitForStdout(text: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`no ${JSON.stringify(text)} within ${timeoutMs} ms`), timeoutMs);
      const check = () => {
        if (!stdout.includes(text)) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      };
      function fail(why: string) {
        child.stdout?.off('data', check);
        reject(new Error(`${why}; stdout:\n${stdout}\nstderr:\n${stderr.slice(-4_000)}`));
      }
      child.stdout?.on('data', check);
      void exited.then(() => {
        clearTimeout(timer);
        if (!stdout.includes(text))
          fail(`worker exited (code ${child.exitCode}) before printing ${JSON.stringify(text)}`);
      });
      check();
    });
  }

  async function waitForExit(timeoutMs = 20_000) {
    const startedAt = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`worker still running after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { code: child.exitCode, signal: child.signalCode, afterMs: Date.now() - startedAt };
  }

  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout,
    waitForExit,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
