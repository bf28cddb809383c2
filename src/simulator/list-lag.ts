// `listLag` for the run and evaluation lists: a job shows in a list only some time, or some list
// calls, after its creation (reads by id see it at once), as an eventually consistent index would.
import { type ListLag } from './options';

/** A stored job as the lag rule sees it. */
export interface Lagging {
  createdAtMs: number;
  /** List calls of its list made before it was created. */
  listCallsBefore: number;
}

/** Counts the calls of one list and filters each call's answer by `listLag` (read live: it can change). */
export class ListLagFilter {
  private calls = 0;

  constructor(
    private readonly lag: () => Required<ListLag>,
    private readonly now: () => number,
  ) {}

  /** The stamp of a job created now. */
  callsSoFar(): number {
    return this.calls;
  }

  /** One list call: the jobs it shows. */
  listed<Job extends Lagging>(jobs: Job[]): Job[] {
    const { afterMs, afterListCalls } = this.lag();
    const calls = this.calls++;
    const now = this.now();
    return jobs.filter((job) => now >= job.createdAtMs + afterMs && calls - job.listCallsBefore >= afterListCalls);
  }
}
