import { type WorkflowHandle } from '@temporalio/client';

/** Timings a durability test measured, printed after its file so a run shows what recovery costs. */
export class Measurements {
  private readonly lines: string[] = [];

  constructor(private readonly title: string) {}

  record(line: string): void {
    this.lines.push(line);
  }

  /** Writes the lines to stdout (call from `after`). */
  print(): void {
    if (this.lines.length === 0) return;
    process.stdout.write(`\n  ${this.title}\n${this.lines.map((line) => `    ${line}\n`).join('')}`);
  }
}

/** The worker identities that completed workflow tasks or started activities in a workflow's history. */
export async function workerIdentitiesIn(handle: WorkflowHandle): Promise<Set<string>> {
  const { events } = await handle.fetchHistory();
  const identities = new Set<string>();
  for (const event of events ?? []) {
    const identity =
      event.workflowTaskCompletedEventAttributes?.identity ?? event.activityTaskStartedEventAttributes?.identity;
    if (identity) identities.add(identity);
  }
  return identities;
}

/** Milliseconds as seconds with one decimal, for measurement lines. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
