// In-memory specs and datasets. A spec's status moves lazily, when it is read: no timers, so the
// simulator's notion of time is only its clock (tests inject one; Temporal's skipped time is invisible).
import { randomUUID } from 'node:crypto';
import { type CreateSpecInput } from './create-validation';
import { type CompletionPolicy, type ListLag } from './options';
import { renderSpecYaml } from './spec-content';

/** Statuses the simulator stores (faults may show others on the wire). */
export type SpecStatus = 'PROCESSING' | 'SUCCEEDED' | 'FAILED';
/** Terminal statuses a spec can be completed with. */
export type SpecOutcome = Exclude<SpecStatus, 'PROCESSING'>;

/** One stored spec. */
export interface SpecRecord {
  id: string;
  input: CreateSpecInput;
  datasetName: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  status: SpecStatus;
  error: string | null;
  contentYaml: string | null;
  /** GETs of this spec so far (drives `completion.afterReads`). */
  reads: number;
  /** List calls made before it was created (drives `listLag.afterListCalls`). */
  listCallsBefore: number;
}

/** What the store needs from the resolved options. */
export interface SpecStoreOptions {
  completion: CompletionPolicy;
  clock: () => number;
  failNamesMatching: RegExp | undefined;
  datasets: string[] | undefined;
  listLag: Required<ListLag>;
  clockSkewMs: number;
  specYamlBytes?: number | undefined;
}

/** Thrown by control operations that name no spec. */
export class SpecNotFoundError extends Error {
  override name = 'SpecNotFoundError';
}

/** Specs in creation order, plus the known datasets. */
export class SpecStore {
  private readonly specs = new Map<string, SpecRecord>();
  /** undefined: every dataset id exists. */
  private readonly datasets: Map<string, string> | undefined;
  private listCalls = 0;

  constructor(private readonly options: SpecStoreOptions) {
    this.datasets = options.datasets && new Map(options.datasets.map((id) => [id, defaultDatasetName(id)]));
  }

  hasDataset(id: string): boolean {
    return this.datasets === undefined || this.datasets.has(id.toLowerCase());
  }

  /** Makes a dataset id known (only matters when `datasets` was given). */
  addDataset(id: string, name = defaultDatasetName(id)): void {
    this.datasets?.set(id.toLowerCase(), name);
  }

  /** Names are unique within a dataset, and among seedless specs. */
  isDuplicateName(input: CreateSpecInput): boolean {
    return [...this.specs.values()].some((s) => s.input.name === input.name && s.input.datasetId === input.datasetId);
  }

  /** DataFramer's clock: the simulator's, skewed by `clockSkewMs`. */
  now(): number {
    return this.options.clock() + this.options.clockSkewMs;
  }

  create(input: CreateSpecInput): SpecRecord {
    const now = this.now();
    const datasetName =
      input.datasetId === null ? null : (this.datasets?.get(input.datasetId) ?? defaultDatasetName(input.datasetId));
    const record: SpecRecord = {
      id: randomUUID(),
      input,
      datasetName,
      createdAtMs: now,
      updatedAtMs: now,
      status: 'PROCESSING',
      error: null,
      contentYaml: null,
      reads: 0,
      listCallsBefore: this.listCalls,
    };
    this.specs.set(record.id, record);
    return record;
  }

  /** A status read (`GET /specs/{id}/`): counts toward `afterReads`. */
  read(id: string): SpecRecord | undefined {
    const record = this.byId(id);
    if (record) this.advance(record, true);
    return record;
  }

  /** Every spec, oldest first, with time-based transitions applied (not counted as reads). */
  all(): SpecRecord[] {
    const records = [...this.specs.values()];
    for (const record of records) this.advance(record, false);
    return records;
  }

  /** What one list call (`GET /specs/`) shows: the specs past their `listLag`, newest first. */
  listed(): SpecRecord[] {
    const { afterMs, afterListCalls } = this.options.listLag;
    const calls = this.listCalls++;
    const now = this.now();
    return this.all()
      .filter((s) => now >= s.createdAtMs + afterMs && calls - s.listCallsBefore >= afterListCalls)
      .reverse();
  }

  delete(id: string): boolean {
    const record = this.byId(id);
    return record !== undefined && this.specs.delete(record.id);
  }

  // Ids are UUIDs: asked in upper case, they name the same spec (answered in lower case), as a UUID field does.
  private byId(id: string): SpecRecord | undefined {
    return this.specs.get(id) ?? this.specs.get(id.toLowerCase());
  }

  /** By id, else the newest spec with that name. */
  find(idOrName: string): SpecRecord {
    const record =
      this.byId(idOrName) ??
      this.all()
        .reverse()
        .find((s) => s.input.name === idOrName);
    if (!record) throw new SpecNotFoundError(`no spec with id or name ${JSON.stringify(idOrName)}`);
    return record;
  }

  /** Ends a spec now; by default with its planned outcome (FAILED when its name matches `failNamesMatching`). */
  complete(idOrName: string, outcome?: SpecOutcome): SpecRecord {
    const record = this.find(idOrName);
    if (outcome === 'FAILED')
      this.settleFailed(record, plannedFailure(record, this.options) ?? 'Spec generation failed.');
    else if (outcome === 'SUCCEEDED') this.settleSucceeded(record);
    else this.settle(record);
    return record;
  }

  fail(idOrName: string, message: string): SpecRecord {
    const record = this.find(idOrName);
    this.settleFailed(record, message);
    return record;
  }

  private advance(record: SpecRecord, isRead: boolean): void {
    const { afterMs, afterReads, manual } = this.options.completion;
    const readsBefore = record.reads;
    if (isRead) record.reads += 1;
    if (record.status !== 'PROCESSING' || manual) return;
    if (afterMs !== undefined && this.now() >= record.createdAtMs + afterMs) {
      this.settle(record, record.createdAtMs + afterMs);
    } else if (isRead && afterReads !== undefined && readsBefore >= afterReads) {
      this.settle(record);
    }
  }

  private settle(record: SpecRecord, atMs?: number): void {
    const failure = plannedFailure(record, this.options);
    if (failure === undefined) this.settleSucceeded(record, atMs);
    else this.settleFailed(record, failure, atMs);
  }

  private settleSucceeded(record: SpecRecord, atMs = this.now()): void {
    Object.assign(record, { status: 'SUCCEEDED', error: null, updatedAtMs: atMs });
    record.contentYaml = padYaml(renderSpecYaml(record.input), this.options.specYamlBytes);
  }

  private settleFailed(record: SpecRecord, message: string, atMs = this.now()): void {
    Object.assign(record, { status: 'FAILED', error: message, contentYaml: null, updatedAtMs: atMs });
  }
}

function plannedFailure(record: SpecRecord, options: SpecStoreOptions): string | undefined {
  if (!options.failNamesMatching?.test(record.input.name)) return undefined;
  return `Spec generation failed: the model could not derive properties for "${record.input.name}".`;
}

function defaultDatasetName(id: string): string {
  return `Seed dataset ${id.slice(0, 8)}`;
}

/** The YAML grown to `bytes` UTF-8 bytes with comment lines (still valid YAML), for large-spec tests. */
function padYaml(yaml: string, bytes: number | undefined): string {
  const missing = bytes === undefined ? 0 : bytes - Buffer.byteLength(yaml);
  if (missing <= 0) return yaml;
  const line = `# ${'padding '.repeat(12).trim()}\n`;
  const whole = Math.floor(missing / line.length);
  const rest = missing - whole * line.length;
  return yaml + line.repeat(whole) + (rest > 1 ? `#${'.'.repeat(rest - 2)}\n` : rest === 1 ? '\n' : '');
}
