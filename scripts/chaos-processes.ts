// The processes of `npm run chaos`: production worker processes (`node dist/worker.js`) whose every
// log line is kept (the secrets scan reads them all), and the fault plans rotated while it runs.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FAULT_ENDPOINTS, type FaultPlan, type RetryAfter } from '../src/simulator';
import { WORKER_READY_MESSAGE } from '../src/worker/run-worker';
import { WORKER_ENVIRONMENT_VARIABLES } from '../src/worker/worker-environment';

// CHAOS_WORKER_JS: another build of the entrypoint (say, one compiled elsewhere while dist/ is in use).
const WORKER_JS = process.env.CHAOS_WORKER_JS ?? path.resolve(__dirname, '..', 'dist', 'worker.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One worker slot: the process now running in it, restarted after each SIGKILL. */
export class WorkerSlot {
  private child: ChildProcess | undefined;
  /** Every line any process of this slot printed, stdout and stderr. */
  readonly lines: string[] = [];
  kills = 0;

  constructor(
    readonly label: string,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts a process in the slot and waits until it polls its task queue. */
  async start(): Promise<void> {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const variable of WORKER_ENVIRONMENT_VARIABLES) delete base[variable.name];
    const child = spawn(process.execPath, [WORKER_JS], {
      env: { ...base, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let ready = false;
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (chunk: Buffer) => {
        const parts = (partial + chunk.toString()).split('\n');
        partial = parts.pop() ?? '';
        for (const line of parts) {
          this.lines.push(line);
          if (line.includes(WORKER_READY_MESSAGE)) ready = true;
        }
      });
      stream?.on('end', () => partial !== '' && this.lines.push(partial));
    }
    for (let waited = 0; !ready; waited += 50) {
      if (child.exitCode !== null || waited > 60_000) throw new Error(`${this.label} did not start`);
      await sleep(50);
    }
  }

  /** SIGKILL, then waits for the process to be gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    this.kills += 1;
  }
}

/** Every form a 429 can give its wait in, zero and the past included; rotated through the run. */
export const RETRY_AFTER_FORMS: { label: string; retryAfter: RetryAfter }[] = [
  { label: 'Retry-After: 1', retryAfter: { seconds: 1 } },
  { label: 'Retry-After: 0', retryAfter: { seconds: 0 } },
  { label: 'Retry-After: -5', retryAfter: { seconds: -5 } },
  { label: 'Retry-After: <HTTP date +2 s>', retryAfter: { httpDate: true, seconds: 2 } },
  { label: 'Retry-After: <HTTP date now>', retryAfter: { httpDate: true, seconds: 0 } },
  { label: 'Retry-After: <HTTP date in the past>', retryAfter: { httpDate: true, seconds: -30 } },
  { label: 'retry-after-ms: 800', retryAfter: { ms: 800 } },
  { label: 'retry-after-ms: 0', retryAfter: { ms: 0 } },
];

/**
 * About 30 % of API requests faulted: the exclusive kinds sum to 0.31 (unknown statuses and ambiguous creates apply to some requests only), slow answers (which combine
 * with them) add 0.05. `step` picks the 429 form and how ambiguous creates end.
 */
export function chaosFaultPlan(step: number): FaultPlan {
  const form = RETRY_AFTER_FORMS[step % RETRY_AFTER_FORMS.length]!;
  return {
    http500: 0.06,
    html502: 0.05,
    rateLimit: { probability: 0.07, retryAfter: form.retryAfter },
    reset: 0.05,
    unknownStatus: 0.03,
    ambiguousCreate: { probability: 0.05, mode: step % 2 === 0 ? 'drop' : '500' },
    slowMs: { probability: 0.05, delayMs: 1_500 },
    // Runs and evaluations too: ambiguous creates of runs are the costly ones (a run is billed).
    endpoints: [...FAULT_ENDPOINTS],
  };
}
