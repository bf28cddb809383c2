// Type checks of workflow input shared by the workflows, the id helpers and the client helpers. Input
// arrives as JSON from any client, so a field may hold any JSON value whatever the TypeScript type
// says; each check throws an `InvalidInputError` naming the field instead of letting a `.trim()` on a
// number throw a TypeError. Workflow code runs them through `src/workflows/input-guard.ts`, which
// turns the error into a non-retryable `InvalidInput` failure (a plain error would fail the workflow
// task over and over). No Temporal import: the DataFramer layer uses the id helpers too.
import { tryDurationToMs } from './durations';

/** Input of the wrong type or shape, naming the field: `Invalid <subject> input: <field>: <problem>`. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';

  constructor(
    subject: string,
    /** The field at fault, as a path from the input (`request.name`, `poll.jitter`). */
    readonly field: string,
    /** What is wrong with it (`must be a number`). */
    readonly problem: string,
  ) {
    super(`Invalid ${subject} input: ${field}: ${problem}`);
  }
}

/** An object that is not an array (JSON's `{...}`). */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** `at.key`, or `key` alone when `at` is empty. */
const pathOf = (at: string, key: string) => (at === '' ? key : `${at}.${key}`);

/**
 * Checks what identifies a spec, as its workflow id is made from it: an object whose `name` is a
 * non-empty string and whose `dataset_id`, when given, is a string (or null: seedless).
 */
export function checkSpecIdentity(subject: string, identity: unknown, at = ''): void {
  if (!isPlainObject(identity)) throw new InvalidInputError(subject, at || 'identity', 'must be an object');
  if (!isNonEmptyString(identity.name)) {
    throw new InvalidInputError(subject, pathOf(at, 'name'), 'is required and must be a non-empty string');
  }
  const datasetId = identity.dataset_id;
  if (datasetId !== undefined && datasetId !== null && typeof datasetId !== 'string') {
    throw new InvalidInputError(subject, pathOf(at, 'dataset_id'), 'must be a string (the dataset UUID) when given');
  }
}

/** Checks an optional duration field: absent (undefined or null), or a positive Temporal duration. */
export function checkOptionalDuration(subject: string, value: unknown, field: string): void {
  if (value === undefined || value === null) return;
  const ms = tryDurationToMs(value);
  if (ms === undefined || ms <= 0) {
    throw new InvalidInputError(subject, field, 'must be a positive Temporal duration ("30 seconds") or milliseconds');
  }
}

/**
 * Checks the types of a poll schedule (its values are checked by `resolvePollSchedule`): absent, or
 * an object whose intervals are durations and whose coefficient and jitter are numbers.
 */
export function checkPollTypes(subject: string, poll: unknown, at = 'poll'): void {
  if (poll === undefined || poll === null) return;
  if (!isPlainObject(poll)) throw new InvalidInputError(subject, at, 'must be an object (a poll schedule)');
  for (const key of ['initialInterval', 'maximumInterval']) {
    const value = poll[key];
    if (value !== undefined && value !== null && tryDurationToMs(value) === undefined) {
      throw new InvalidInputError(
        subject,
        pathOf(at, key),
        'must be a Temporal duration ("10 seconds") or milliseconds',
      );
    }
  }
  for (const key of ['backoffCoefficient', 'jitter']) {
    const value = poll[key];
    if (value !== undefined && value !== null && !(typeof value === 'number' && Number.isFinite(value))) {
      throw new InvalidInputError(subject, pathOf(at, key), 'must be a number');
    }
  }
}
