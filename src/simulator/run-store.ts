// In-memory generation runs. Like specs, a run moves lazily when read: PENDING (its first read),
// PROCESSING with samples_completed growing, then SUCCEEDED (or FAILED / CANCELED by hand or API).
import { randomUUID } from 'node:crypto';
import { jobPhase } from './job-progress';
import { ListLagFilter } from './list-lag';
import { type CompletionPolicy, type ListLag } from './options';
import { type SpecRecord } from './spec-store';

/** Statuses a run can have. */
export type RunStatus = 'PENDING' | 'PROCESSING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED';
/** How a run can be ended by hand. */
export type RunOutcome = 'SUCCEEDED' | 'FAILED';

/** Dollars per generated sample: enough to make `total_cost` visible and growing. */
export const COST_PER_SAMPLE = 0.0125;

/** One generated file. */
export interface GeneratedFileRecord {
  id: string;
  path: string;
  file_type: string;
  size_bytes: number;
}

/** One stored run. */
export interface RunRecord {
  id: string;
  spec: Pick<SpecRecord, 'id' | 'datasetName'> & { name: string; datasetId: string | null };
  /** The create body as sent (validated). */
  request: Record<string, unknown>;
  numberOfSamples: number;
  createdAtMs: number;
  completedAtMs: number | null;
  status: RunStatus;
  samplesCompleted: number;
  samplesFailed: number;
  error: string | null;
  files: GeneratedFileRecord[];
  reads: number;
  /** Calls of the ZIP endpoint: the first starts the build (202), later ones answer the URL. */
  zipCalls: number;
  /** Run list calls made before it was created (drives `listLag.afterListCalls`). */
  listCallsBefore: number;
}

/** What the run and evaluation stores need from the options: read live, as the control API changes them. */
export interface JobStoreOptions {
  completion: CompletionPolicy;
  /** DataFramer's clock (`clockSkewMs` included): `created_at`, `completed_at` and the completion rules follow it. */
  clock: () => number;
  readonly listLag: Required<ListLag>;
}

/** Thrown by control operations naming no run (or evaluation). */
export class JobNotFoundError extends Error {
  override name = 'JobNotFoundError';
}

/** Runs in creation order. */
export class RunStore {
  private readonly runs = new Map<string, RunRecord>();
  private readonly lag: ListLagFilter;

  constructor(private readonly options: JobStoreOptions) {
    this.lag = new ListLagFilter(() => options.listLag, options.clock);
  }

  create(spec: SpecRecord, request: Record<string, unknown>): RunRecord {
    const record: RunRecord = {
      id: randomUUID(),
      spec: { id: spec.id, name: spec.input.name, datasetId: spec.input.datasetId, datasetName: spec.datasetName },
      request,
      numberOfSamples: request.number_of_samples as number,
      createdAtMs: this.options.clock(),
      completedAtMs: null,
      status: 'PENDING',
      samplesCompleted: 0,
      samplesFailed: 0,
      error: null,
      files: [],
      reads: 0,
      zipCalls: 0,
      listCallsBefore: this.lag.callsSoFar(),
    };
    this.runs.set(record.id, record);
    return record;
  }

  /** A status read: counts toward `afterReads`. */
  read(id: string): RunRecord | undefined {
    const record = this.runs.get(id);
    if (record) this.advance(record, true);
    return record;
  }

  /** Without counting a read (lists, cancel, downloads, evaluations). */
  peek(id: string): RunRecord | undefined {
    const record = this.runs.get(id);
    if (record) this.advance(record, false);
    return record;
  }

  /** Every run, oldest first. */
  all(): RunRecord[] {
    const records = [...this.runs.values()];
    for (const record of records) this.advance(record, false);
    return records;
  }

  /** What one `GET /runs/` shows: the runs past their `listLag`, newest first. */
  listed(): RunRecord[] {
    return this.lag.listed(this.all()).reverse();
  }

  delete(id: string): boolean {
    return this.runs.delete(id);
  }

  find(id: string): RunRecord {
    const record = this.peek(id);
    if (!record) throw new JobNotFoundError(`no run with id ${JSON.stringify(id)}`);
    return record;
  }

  /** Cancels a PENDING or PROCESSING run; false when it is in another state. */
  cancel(record: RunRecord): boolean {
    if (record.status !== 'PENDING' && record.status !== 'PROCESSING') return false;
    Object.assign(record, { status: 'CANCELED', completedAtMs: this.options.clock() });
    return true;
  }

  /** Ends a run now (by hand): SUCCEEDED with its files, or FAILED with `message`. */
  complete(id: string, outcome: RunOutcome = 'SUCCEEDED', message?: string): RunRecord {
    const record = this.find(id);
    if (outcome === 'FAILED') this.settleFailed(record, message ?? 'Generation failed: the model returned no samples.');
    else this.settleSucceeded(record, this.options.clock());
    return record;
  }

  private advance(record: RunRecord, isRead: boolean): void {
    const readsBefore = record.reads;
    if (isRead) record.reads += 1;
    if (record.status !== 'PENDING' && record.status !== 'PROCESSING') return;
    const state = { createdAtMs: record.createdAtMs, readsBefore, isRead };
    const where = jobPhase(this.options.completion, this.options.clock(), state);
    if (where.done) {
      this.settleSucceeded(record, where.atMs);
      return;
    }
    record.status = where.phase.status;
    record.samplesCompleted = Math.max(
      record.samplesCompleted,
      Math.floor(record.numberOfSamples * where.phase.fraction),
    );
  }

  private settleSucceeded(record: RunRecord, atMs: number): void {
    const failed = Math.floor(record.numberOfSamples / 250);
    Object.assign(record, {
      status: 'SUCCEEDED',
      completedAtMs: atMs,
      samplesCompleted: record.numberOfSamples - failed,
      samplesFailed: failed,
      error: null,
    });
    record.files = generatedFiles(record);
  }

  private settleFailed(record: RunRecord, message: string): void {
    Object.assign(record, { status: 'FAILED', completedAtMs: this.options.clock(), error: message, files: [] });
  }
}

/** Dollars spent so far, rounded to cents' hundredths. */
export function runCost(record: RunRecord): number {
  return Math.round(record.samplesCompleted * COST_PER_SAMPLE * 10_000) / 10_000;
}

// Seedless specs generate one file per sample (MULTI_FILE); seeded ones one CSV: the long list
// is the case that tests how clients keep large answers out of their state.
function generatedFiles(record: RunRecord): GeneratedFileRecord[] {
  if (record.spec.datasetId !== null) {
    return [
      {
        id: randomUUID(),
        path: 'generated_samples.csv',
        file_type: 'text/csv',
        size_bytes: 180 * record.samplesCompleted,
      },
    ];
  }
  return Array.from({ length: record.samplesCompleted }, (_, i) => ({
    id: randomUUID(),
    path: `samples/sample_${String(i + 1).padStart(5, '0')}.txt`,
    file_type: 'text/plain',
    size_bytes: 600 + ((i * 37) % 400),
  }));
}
