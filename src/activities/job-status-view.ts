import {
  failureMessageOf,
  normalizeStatus,
  viewFieldsOf,
  type ResourceDescription,
  type StatusOutcome,
} from '../dataframer';

/**
 * A compact, serializable view of one status read of any DataFramer job, built from its
 * `ResourceDescription`. While the job runs it carries only the status and the description's view
 * fields; once terminal it carries the object too, without its large fields when the whole would
 * not fit `maxFinalBytes`, so polling keeps workflow history small.
 */
export interface JobStatusView<Status extends string = string, Final = Record<string, unknown>> {
  /** `spec`, `run`, `evaluation`. */
  kind: string;
  id: string;
  status: Status;
  /** The value DataFramer sent, which may be one we do not know. */
  rawStatus: string | null;
  /** False when `rawStatus` is undocumented (treated as still running, and logged). */
  knownStatus: boolean;
  outcome: StatusOutcome;
  terminal: boolean;
  /** DataFramer's failure text, when the job FAILED. */
  errorMessage?: string;
  /** The description's view fields, e.g. `{ samplesCompleted, numberOfSamples, totalCost }`. */
  progress: Record<string, number | string>;
  /** The object, only when terminal (large fields left out when it would not fit). */
  final?: Final;
  /** Fields left out of `final`, with their item count and JSON size; `*` when the whole object was. */
  omitted?: Record<string, { items?: number; bytes: number }>;
}

/** Builds the view of one job object as read from the API. */
export function toJobStatusView<Status extends string, Final extends Record<string, unknown>>(
  description: ResourceDescription<Status>,
  id: string,
  job: Final,
  maxFinalBytes: number,
): JobStatusView<Status, Final> {
  const { status, outcome, known } = normalizeStatus(description, job.status);
  const terminal = outcome !== 'running';
  const view: JobStatusView<Status, Final> = {
    kind: description.kind,
    id,
    status,
    rawStatus: typeof job.status === 'string' ? job.status : null,
    knownStatus: known,
    outcome,
    terminal,
    progress: viewFieldsOf(description, job),
  };
  const errorMessage = outcome === 'failed' ? failureMessageOf(description, job) : undefined;
  if (errorMessage !== undefined) view.errorMessage = errorMessage;
  if (terminal) Object.assign(view, finalPart(description, job, maxFinalBytes));
  return view;
}

function finalPart<Final extends Record<string, unknown>>(
  description: ResourceDescription,
  job: Final,
  maxFinalBytes: number,
): Pick<JobStatusView<string, Final>, 'final' | 'omitted'> {
  const whole = jsonBytes(job);
  if (whole <= maxFinalBytes) return { final: job };
  const slim: Record<string, unknown> = { ...job };
  const omitted: NonNullable<JobStatusView['omitted']> = {};
  for (const field of description.largeFields) {
    const value = slim[field];
    if (value === undefined || value === null) continue;
    omitted[field] = { bytes: jsonBytes(value), ...(Array.isArray(value) && { items: value.length }) };
    delete slim[field];
  }
  if (jsonBytes(slim) <= maxFinalBytes) return { final: slim as Final, omitted };
  return { omitted: { '*': { bytes: whole } } };
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}
