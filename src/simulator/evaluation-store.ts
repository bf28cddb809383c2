// In-memory evaluations of SUCCEEDED runs: PENDING, PROCESSING, then SUCCEEDED (or FAILED by hand).
import { randomUUID } from 'node:crypto';
import { jobPhase } from './job-progress';
import { ListLagFilter } from './list-lag';
import { JobNotFoundError, type JobStoreOptions } from './run-store';

/** Statuses an evaluation can have (there is no cancel endpoint). */
export type EvaluationStatus = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED';

/** One stored evaluation. */
export interface EvaluationRecord {
  id: string;
  runId: string;
  model: string;
  createdAtMs: number;
  completedAtMs: number | null;
  status: EvaluationStatus;
  errorMessage: string | null;
  reads: number;
  /** Evaluation list calls made before it was created (drives `listLag.afterListCalls`). */
  listCallsBefore: number;
}

/** Model used when the request names none (the SDK's documented default). */
export const DEFAULT_EVALUATION_MODEL = 'anthropic/claude-sonnet-5-thinking';

/** Evaluations in creation order. */
export class EvaluationStore {
  private readonly evaluations = new Map<string, EvaluationRecord>();
  // One count for every run's list: a lag of N calls is N calls of any run's evaluations.
  private readonly lag: ListLagFilter;

  constructor(private readonly options: JobStoreOptions) {
    this.lag = new ListLagFilter(() => options.listLag, options.clock);
  }

  create(runId: string, model: string | undefined): EvaluationRecord {
    const record: EvaluationRecord = {
      id: randomUUID(),
      runId,
      model: model ?? DEFAULT_EVALUATION_MODEL,
      createdAtMs: this.options.clock(),
      completedAtMs: null,
      status: 'PENDING',
      errorMessage: null,
      reads: 0,
      listCallsBefore: this.lag.callsSoFar(),
    };
    this.evaluations.set(record.id, record);
    return record;
  }

  read(id: string): EvaluationRecord | undefined {
    const record = this.evaluations.get(id);
    if (record) this.advance(record, true);
    return record;
  }

  /** A run's evaluations, oldest first (not counted as reads). */
  ofRun(runId: string): EvaluationRecord[] {
    const records = [...this.evaluations.values()].filter((e) => e.runId === runId);
    for (const record of records) this.advance(record, false);
    return records;
  }

  /** What one `GET /runs/{run_id}/evaluations/` shows: the run's evaluations past their `listLag`, newest first. */
  listedOfRun(runId: string): EvaluationRecord[] {
    return this.lag.listed(this.ofRun(runId)).reverse();
  }

  all(): EvaluationRecord[] {
    const records = [...this.evaluations.values()];
    for (const record of records) this.advance(record, false);
    return records;
  }

  /** Ends an evaluation now: SUCCEEDED, or FAILED with `message` as its `error_message`. */
  complete(id: string, outcome: 'SUCCEEDED' | 'FAILED' = 'SUCCEEDED', message?: string): EvaluationRecord {
    const record = this.evaluations.get(id);
    if (!record) throw new JobNotFoundError(`no evaluation with id ${JSON.stringify(id)}`);
    const now = this.options.clock();
    if (outcome === 'FAILED') {
      Object.assign(record, { status: 'FAILED', completedAtMs: now, errorMessage: message ?? 'Evaluation failed.' });
    } else Object.assign(record, { status: 'SUCCEEDED', completedAtMs: now, errorMessage: null });
    return record;
  }

  private advance(record: EvaluationRecord, isRead: boolean): void {
    const readsBefore = record.reads;
    if (isRead) record.reads += 1;
    if (record.status !== 'PENDING' && record.status !== 'PROCESSING') return;
    const where = jobPhase(this.options.completion, this.options.clock(), {
      createdAtMs: record.createdAtMs,
      readsBefore,
      isRead,
    });
    if (where.done) Object.assign(record, { status: 'SUCCEEDED', completedAtMs: where.atMs });
    else record.status = where.phase.status;
  }
}
