// No imports on purpose: like error-kinds.ts, these descriptions are plain data that workflow code
// may import (the generic waiting machinery reads them), so no Node built-ins, undici or zod here.

/** What a job's status means to a caller that waits on it. */
export type StatusOutcome = 'running' | 'succeeded' | 'failed' | 'canceled';

/** A value copied from the job object into the compact status view. */
export interface ViewField {
  /** Name in the view (camelCase). */
  name: string;
  /** Where it sits in the object, e.g. `['runtime_params', 'number_of_samples']`. */
  path: readonly string[];
  /** Values of another type are left out of the view rather than trusted. */
  type: 'number' | 'string';
}

/**
 * Everything the generic machinery knows about one kind of DataFramer job: where it lives, what
 * its statuses mean, where the failure text is, and what is small enough for every poll's view.
 * A new resource is one more object of this shape, not another copy of the mechanism.
 */
export interface ResourceDescription<Status extends string = string> {
  /** `spec`, `run`, `evaluation`: used in ids, logs and failure types. */
  kind: string;
  /** Human word for messages ("Run 1234 is still PROCESSING"). */
  label: string;
  /** Collection under `/api/dataframer/`: `POST <collection>/` creates, `GET <collection>/{id}/` reads. */
  collection: string;
  /** Every status the API documents, each with what it means; a value not listed counts as `running`. */
  statuses: Readonly<Record<Status, StatusOutcome>>;
  /** Other spellings seen in older docs, mapped to a documented status. */
  aliases: Readonly<Record<string, Status>>;
  /** The status an unknown value is treated as (still running, and logged). */
  unknownStatus: Status;
  /** Fields that may hold the failure text, first non-empty wins. */
  failureMessageFields: readonly string[];
  /** What each compact view carries besides the status (progress, cost, timestamps). */
  viewFields: readonly ViewField[];
  /** Fields too large for a view: left out of every poll's view, counted in the final one. */
  largeFields: readonly string[];
  /** Failure type of a read that answers 404 within the grace period after creation (retried). */
  notYetVisibleType: string;
  /** Failure type a waiting workflow raises when the job ends FAILED. */
  failedType: string;
  /** Failure type a waiting workflow raises when someone else cancels the job, if it can be canceled. */
  canceledType?: string;
}

/** A status as the machinery acts on it. */
export interface NormalizedStatus<Status extends string = string> {
  status: Status;
  outcome: StatusOutcome;
  /** False when the raw value is not documented (then `status` is `unknownStatus`, still running). */
  known: boolean;
}

/** Maps a raw status (any case, aliases included) to a documented one; unknown values count as running. */
export function normalizeStatus<Status extends string>(
  description: ResourceDescription<Status>,
  raw: unknown,
): NormalizedStatus<Status> {
  const upper = typeof raw === 'string' ? raw.trim().toUpperCase() : undefined;
  const status =
    upper === undefined
      ? undefined
      : Object.prototype.hasOwnProperty.call(description.statuses, upper)
        ? (upper as Status)
        : description.aliases[upper];
  if (status === undefined) {
    const fallback = description.unknownStatus;
    return { status: fallback, outcome: description.statuses[fallback], known: false };
  }
  return { status, outcome: description.statuses[status], known: true };
}

/** The statuses that end a job (anything but `running`). */
export function terminalStatuses<Status extends string>(description: ResourceDescription<Status>): Status[] {
  return (Object.keys(description.statuses) as Status[]).filter((s) => description.statuses[s] !== 'running');
}

/** The job's failure text from `failureMessageFields`, skipping empty values; undefined when none. */
export function failureMessageOf(
  description: ResourceDescription,
  job: Readonly<Record<string, unknown>>,
): string | undefined {
  for (const field of description.failureMessageFields) {
    const text = describeErrorValue(job[field]);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** The view fields present in `job` with the expected type, by their view name. */
export function viewFieldsOf(
  description: ResourceDescription,
  job: Readonly<Record<string, unknown>>,
): Record<string, number | string> {
  const values: Record<string, number | string> = {};
  for (const field of description.viewFields) {
    let value: unknown = job;
    for (const key of field.path) {
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (field.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string') {
      values[field.name] = value as number | string;
    }
  }
  return values;
}

function describeErrorValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') {
    return (value as { message: string }).message;
  }
  return JSON.stringify(value);
}
