import { WORKFLOW_FAILURE_TYPES } from '../common/failure-types';
import type { DataFramerErrorType } from '../dataframer/error-kinds';

/** The CLI's exit codes, for scripts and CI. */
export const EXIT_CODES = {
  /** The command did what it was asked (a spec SUCCEEDED, a status was read, a cancellation went through). */
  ok: 0,
  /** A spec failed, was cancelled or timed out. */
  specFailed: 1,
  /** Anything else that did not work (provisioning, a crash). */
  failed: 1,
  /** Bad input: a flag, a request field or the environment (the message names it). */
  badInput: 2,
  /**
   * Temporal could not be reached, or DataFramer could not: a spec failed with `ConnectionError` /
   * `TimeoutError` (`create --create-attempts`), or its deadline passed while it could not.
   */
  unreachable: 3,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** A failure the CLI reports in one line and turns into its exit code. */
export class CliError extends Error {
  override readonly name: string = 'CliError';

  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** Exit 2: a flag, a request field or a variable is wrong; the message names it. */
export class BadInputError extends CliError {
  override readonly name = 'BadInputError';

  constructor(message: string) {
    super(message, EXIT_CODES.badInput);
  }
}

/** Exit 3: Temporal (or DataFramer, as a workflow reports it) could not be reached. */
export class UnreachableError extends CliError {
  override readonly name = 'UnreachableError';

  constructor(message: string) {
    super(message, EXIT_CODES.unreachable);
  }
}

// The workflow's failure type says why a spec ended: the API could not be reached, or it (or our own
// validation) rejected the request; anything else is the spec failing.
const UNREACHABLE_FAILURE_TYPES = new Set<string>(['ConnectionError', 'TimeoutError'] satisfies DataFramerErrorType[]);
const BAD_INPUT_FAILURE_TYPES = new Set<string>([
  WORKFLOW_FAILURE_TYPES.InvalidInput,
  ...(['InvalidRequestError', 'BadRequestError', 'UnprocessableEntityError'] satisfies DataFramerErrorType[]),
]);

/**
 * The exit code for a spec workflow that failed with this failure type; `lastTransientError`
 * (`<type>: <message>`, from a `SpecDeadlineExceeded`'s details) makes a deadline that ran out while
 * DataFramer could not be reached exit 3 too: creates and reads are retried through an outage until
 * the deadline, so that is how an outage usually ends a spec.
 */
export function exitCodeOfFailureType(type: string, lastTransientError?: string): ExitCode {
  if (UNREACHABLE_FAILURE_TYPES.has(type)) return EXIT_CODES.unreachable;
  if (BAD_INPUT_FAILURE_TYPES.has(type)) return EXIT_CODES.badInput;
  const lastType = lastTransientError?.split(':', 1)[0];
  if (type === WORKFLOW_FAILURE_TYPES.SpecDeadlineExceeded && lastType !== undefined) {
    if (UNREACHABLE_FAILURE_TYPES.has(lastType)) return EXIT_CODES.unreachable;
  }
  return EXIT_CODES.specFailed;
}
