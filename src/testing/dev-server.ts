import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { requireTemporalCli } from './temporal-binaries';

/** Options of {@link startDevServer}; every field is optional. */
export interface DevServerOptions {
  /** The Temporal CLI. @default found by `findTemporalBinaries()` */
  cliPath?: string;
  /** @default '127.0.0.1' */
  ip?: string;
  /** gRPC port. @default a free port */
  port?: number;
  /** SQLite file that keeps workflows across restarts. @default in memory */
  dbFilename?: string;
  /** Serve the web UI on this port. @default no UI */
  uiPort?: number;
  /** @default 'default' */
  namespace?: string;
  /** How long to wait for the server to answer. @default 30_000 */
  readyTimeoutMs?: number;
  /** Serve Prometheus metrics (the `action` counter Temporal Cloud bills by, among others) on this port. @default none */
  metricsPort?: number;
  /** More arguments for `temporal server start-dev`, e.g. `['--namespace', 'another']`. @default [] */
  extraArgs?: string[];
}

/** A `temporal server start-dev` process started by {@link startDevServer}. */
export interface RunningDevServer {
  /** `host:port` for `Connection.connect({ address })`. */
  address: string;
  port: number;
  namespace: string;
  process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
}

/** A TCP port that was free a moment ago. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilServing(address: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`temporal server start-dev exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`Temporal dev server at ${address} did not answer: ${String(err)}`, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the real Temporal dev server from the CLI binary (no download) and waits until it serves. */
export async function startDevServer(options: DevServerOptions = {}): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port ?? (await findFreePort(ip));
  const namespace = options.namespace ?? 'default';
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--namespace', namespace];
  args.push('--log-level', 'error', '--log-format', 'json');
  if (options.dbFilename !== undefined) args.push('--db-filename', options.dbFilename);
  if (options.uiPort !== undefined) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.metricsPort !== undefined) args.push('--metrics-port', String(options.metricsPort));
  args.push(...(options.extraArgs ?? []));
  const child = spawn(options.cliPath ?? requireTemporalCli(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // Keep reading stderr (a full pipe would block the server) and keep its tail to explain a failed start.
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4_096);
  });
  const address = `${ip}:${port}`;
  try {
    await waitUntilServing(address, child, options.readyTimeoutMs ?? 30_000);
  } catch (err) {
    await stopProcess(child);
    const reason = stderrTail.trim() === '' ? '' : `; its last output: ${stderrTail.trim()}`;
    throw new Error(`${(err as Error).message}${reason}`, { cause: err });
  }
  return { address, port, namespace, process: child, stop: () => stopProcess(child) };
}
