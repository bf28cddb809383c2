// `dataframer-temporal create`: starts createSpecWorkflow for one request and shows its progress
// live until it ends (or, with --no-wait, prints the workflow id and returns).
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { startOrFindCreateSpec } from '../../client/start-create-spec';
import { tryDurationToMs } from '../../common/durations';
import { formatOutcome } from '../../demo/demo-report';
import type { SpecProgressRow } from '../../demo/progress-display';
import type { CreateSpecWorkflowInput } from '../../workflows';
import { addJsonOption, outputOf, type CliContext } from '../context';
import { BadInputError, EXIT_CODES, exitCodeOfFailureType, type ExitCode } from '../exit-codes';
import type { CliOutput } from '../output';
import { addRequestOptions, requestFromOptions } from '../request-flags';
import { connectCliClient } from '../temporal-client';
import { progressReporter } from '../progress-reporter';
import { watchSpec, type SpecEnd } from '../watch-spec';

/** How often the live view asks where the spec stands. */
export const PROGRESS_INTERVAL_MS = 1_000;

/** The flags that become the spec workflow's options. */
export interface SpecOptionFlags {
  deadline?: string;
  onCancel?: string;
  pollInterval?: string;
  pollMaxInterval?: string;
}

interface CreateFlags extends SpecOptionFlags {
  wait: boolean;
  json?: boolean;
  createAttempts?: string;
  [field: string]: unknown;
}

function duration(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = tryDurationToMs(value);
  if (ms === undefined || ms <= 0)
    throw new BadInputError(`${flag} must be a duration such as "30 seconds", got "${value}"`);
  return value;
}

/** `--deadline`, `--on-cancel` and the poll flags as workflow input (create's, and every item's of a batch). */
export function specOptionsFromFlags(
  flags: SpecOptionFlags,
): Pick<CreateSpecWorkflowInput, 'deadline' | 'onCancel' | 'poll'> {
  const onCancel = flags.onCancel;
  if (onCancel !== undefined && onCancel !== 'abandon' && onCancel !== 'delete') {
    throw new BadInputError(`--on-cancel must be abandon or delete, got "${onCancel}"`);
  }
  const initialInterval = duration('--poll-interval', flags.pollInterval);
  const maximumInterval = duration('--poll-max-interval', flags.pollMaxInterval);
  const deadline = duration('--deadline', flags.deadline);
  return {
    ...(deadline === undefined ? {} : { deadline }),
    ...(onCancel === undefined ? {} : { onCancel }),
    ...(initialInterval === undefined && maximumInterval === undefined
      ? {}
      : { poll: { ...(initialInterval && { initialInterval }), ...(maximumInterval && { maximumInterval }) } }),
  };
}

/** `--create-attempts`: the create's attempts (`createMaximumAttempts`), for a create that must not wait out an outage. */
function createAttempts(value: string | undefined): Pick<CreateSpecWorkflowInput, 'createMaximumAttempts'> {
  if (value === undefined) return {};
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) {
    throw new BadInputError(`--create-attempts must be a whole number from 1, got "${value}"`);
  }
  return { createMaximumAttempts: n };
}

function workflowInput(flags: CreateFlags): CreateSpecWorkflowInput {
  return {
    request: requestFromOptions(flags),
    ...specOptionsFromFlags(flags),
    ...createAttempts(flags.createAttempts),
  };
}

/** Warns when no worker polls the queue: the spec would wait, silently, until one does. */
export async function warnWithoutWorker(client: Client, taskQueue: string, out: CliOutput): Promise<void> {
  try {
    const { pollers } = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: taskQueue },
    });
    if ((pollers ?? []).length === 0) {
      out.note(
        `No worker polls task queue "${taskQueue}" yet: nothing runs until one does (dataframer-temporal worker)`,
      );
    }
  } catch {
    // Only a hint: the watch below tells the rest.
  }
}

function report(out: CliOutput, workflowId: string, end: SpecEnd, elapsedMs: number, last?: SpecProgressRow): ExitCode {
  const exitCode =
    end.status === 'SUCCEEDED'
      ? EXIT_CODES.ok
      : exitCodeOfFailureType(end.failure.type, end.failure.lastTransientError);
  const name = end.status === 'SUCCEEDED' ? end.result.name : workflowId;
  const outcome =
    end.status === 'SUCCEEDED'
      ? {
          name,
          workflowId,
          status: end.status,
          specId: end.result.specId,
          reads: end.result.polls,
          elapsedMs,
          result: end.result,
        }
      : {
          name,
          workflowId,
          status: end.status,
          reads: last?.reads ?? 0,
          elapsedMs,
          failure: end.failure,
          ...(last?.specId && { specId: last.specId }),
        };
  const [header = '', ...body] = formatOutcome(outcome).split('\n');
  const fields =
    end.status === 'SUCCEEDED'
      ? { specId: end.result.specId, polls: end.result.polls, spec: end.result.spec }
      : { failure: end.failure };
  out.result({ ok: exitCode === 0, exitCode, workflowId, status: end.status, ...fields }, [
    '',
    out.paint(header, exitCode === 0 ? 'green' : 'red'),
    ...body,
  ]);
  return exitCode;
}

async function runCreate(context: CliContext, flags: CreateFlags): Promise<ExitCode> {
  const out = outputOf(context, flags);
  const input = workflowInput(flags);
  const temporal = await connectCliClient(context.streams.env);
  try {
    const { client, config } = temporal;
    const { handle, alreadySucceeded } = await startOrFindCreateSpec(client, input, { taskQueue: config.taskQueue });
    const started = {
      workflowId: handle.workflowId,
      runId: handle.firstExecutionRunId,
      taskQueue: config.taskQueue,
      ...(alreadySucceeded && { alreadySucceeded }),
    };
    if (!flags.wait) {
      out.result({ ok: true, exitCode: 0, ...started }, [handle.workflowId]);
      return EXIT_CODES.ok;
    }
    out.event('started', started);
    if (alreadySucceeded) {
      // Starting a spec again is idempotent: its workflow's result, the spec it made, is the answer.
      out.line(`${handle.workflowId} already succeeded: its result, not a new start`);
    } else {
      out.line(
        `Started ${handle.workflowId} on task queue "${config.taskQueue}" (namespace ${config.temporal.namespace})`,
      );
      await warnWithoutWorker(client, config.taskQueue, out);
    }
    const reporter = progressReporter(out);
    const end = await watchSpec(handle, PROGRESS_INTERVAL_MS, (progress) => reporter.show(progress));
    reporter.finish(end);
    return report(out, handle.workflowId, end, reporter.elapsedMs(), reporter.last());
  } finally {
    await temporal.close();
  }
}

/** Registers `create`. */
export function registerCreate(program: Command, context: CliContext): void {
  const command = program
    .command('create')
    .description('start a spec (createSpecWorkflow) and show its progress until it ends')
    .option('--no-wait', 'print the workflow id and return once the workflow is started')
    .option('--deadline <duration>', 'give up after this long (workflow input deadline; default 24 hours)')
    .option('--on-cancel <abandon|delete>', 'what a cancellation does to the spec (default abandon)')
    .option('--poll-interval <duration>', 'first wait between status reads (default 10 seconds)')
    .option('--poll-max-interval <duration>', 'longest wait between status reads (default 60 seconds)')
    .option(
      '--create-attempts <n>',
      'give up the create after n attempts (exit 3 when DataFramer could not be reached; default: retry until the deadline)',
    );
  addRequestOptions(command);
  addJsonOption(command).action(async (flags: CreateFlags) => {
    context.exitCode = await runCreate(context, flags);
  });
}
