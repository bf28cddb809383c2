// The one place the demo's cleanup is registered: each part it starts adds how to stop it, and
// everything is stopped in reverse order, each step bounded in time, whatever happened before.
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Resolves when `work` settles or after `ms`, whichever comes first; never rejects. */
export async function atMost(ms: number, work: Promise<unknown>): Promise<void> {
  const timer = new AbortController();
  await Promise.race([work.catch(() => undefined), sleep(ms, undefined, { signal: timer.signal }).catch(() => 0)]);
  timer.abort();
}

interface CleanupStep {
  label: string;
  release: () => Promise<void>;
  timeoutMs: number;
}

/** Cleanup steps (run last-in, first-out) and child processes (killed at the latest on process exit). */
export class DemoResources {
  private readonly steps: CleanupStep[] = [];
  private readonly children = new Set<ChildProcess>();
  private releasing: Promise<string[]> | undefined;

  /** Registers how to stop something just started. `timeoutMs` bounds the step; the next one runs anyway. */
  defer(label: string, release: () => Promise<void>, timeoutMs = 10_000): void {
    this.steps.push({ label, release, timeoutMs });
  }

  /** A child process that must not outlive the demo, even when it exits abruptly. */
  trackChild(child: ChildProcess): void {
    this.children.add(child);
  }

  /** Runs every step once, newest first; resolves to one line per step that failed or timed out. */
  releaseAll(): Promise<string[]> {
    this.releasing ??= this.runSteps();
    return this.releasing;
  }

  /** SIGKILLs tracked children still running; synchronous, for `process.on('exit')` and a second Ctrl-C. */
  killChildrenNow(): void {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }

  private async runSteps(): Promise<string[]> {
    const problems: string[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      const problem = await runBounded(step);
      if (problem !== undefined) problems.push(problem);
    }
    this.killChildrenNow();
    return problems;
  }
}

async function runBounded(step: CleanupStep): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${step.label}: still stopping after ${step.timeoutMs} ms`), step.timeoutMs);
  });
  const release = step.release().then(
    () => undefined,
    (err: unknown) => `${step.label}: ${err instanceof Error ? err.message : String(err)}`,
  );
  try {
    return await Promise.race([release, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
