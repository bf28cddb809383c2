// `dataframer-temporal batch <file.jsonl>`: checks every line, starts createSpecsBatchWorkflow (or
// attaches to the one already running for the same input), draws its progress until it ends, and
// writes the requests that did not succeed to a JSONL file to run again.
import path from 'node:path';
import { WorkflowFailedError, type Client } from '@temporalio/client';
import type { Command } from 'commander';
import { getBatchProgress, startCreateSpecsBatch } from '../../client/start-create-specs-batch';
import { BATCH_LIMITS } from '../../common/batch-policies';
import { batchWorkflowId } from '../../common/batch-ids';
import { describeFailure } from '../../demo/demo-report';
import type { CreateSpecRequest } from '../../workflows/types';
import type { CreateSpecsBatchInput, CreateSpecsBatchResult } from '../../workflows/batch/types';
import { batchBar } from '../batch/batch-bar';
import { describeBadLines, fitsInline, readBatchFile, type BatchFile } from '../batch/batch-file';
import { failedOutPathOf, indexesToRerun, writeFailedOut } from '../batch/failed-out';
import { addJsonOption, outputOf, type CliContext } from '../context';
import { BadInputError, EXIT_CODES, type ExitCode } from '../exit-codes';
import type { CliOutput } from '../output';
import { connectCliClient } from '../temporal-client';
import { PROGRESS_CALL_TIMEOUT_MS } from '../watch-spec';
import { PROGRESS_INTERVAL_MS, specOptionsFromFlags, warnWithoutWorker, type SpecOptionFlags } from './create';

interface BatchFlags extends SpecOptionFlags {
  wait: boolean;
  json?: boolean;
  concurrency?: string;
  maxFailures?: string;
  maxFailureRatio?: string;
  ifNameExists?: string;
  failedOut?: string;
  allowInvalid?: boolean;
  asSource?: boolean;
}

function integerFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new BadInputError(`${flag} must be an integer from ${min} to ${max.toLocaleString('en')}, got "${value}"`);
  }
  return n;
}

function ratioFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0 && n <= 1)) throw new BadInputError(`--max-failure-ratio must be in (0, 1], got "${value}"`);
  return n;
}

/** The batch's settings from the flags (the requests come from the file). */
function settingsOf(flags: BatchFlags): Omit<CreateSpecsBatchInput, 'requests' | 'source'> {
  const ifNameExists = flags.ifNameExists;
  if (ifNameExists !== undefined && ifNameExists !== 'fail' && ifNameExists !== 'adopt') {
    throw new BadInputError(`--if-name-exists must be fail or adopt, got "${ifNameExists}"`);
  }
  const concurrency = integerFlag('--concurrency', flags.concurrency, 1, BATCH_LIMITS.maxConcurrency);
  const maxFailures = integerFlag('--max-failures', flags.maxFailures, 1, Number.MAX_SAFE_INTEGER);
  const maxFailureRatio = ratioFlag(flags.maxFailureRatio);
  return {
    ...specOptionsFromFlags(flags),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(maxFailures === undefined ? {} : { maxFailures }),
    ...(maxFailureRatio === undefined ? {} : { maxFailureRatio }),
    ...(ifNameExists === undefined ? {} : { ifNameExists }),
  };
}

/** Bad lines stop everything (exit 2) unless --allow-invalid; a Databricks secret always does. */
function checkLines(file: BatchFile, flags: BatchFlags, out: CliOutput): void {
  const secret = file.lines.find((line) => line.hasSecret);
  if (secret !== undefined) {
    throw new BadInputError(`${file.path}: line ${secret.lineNumber}: ${secret.problem ?? 'databricks_client_secret'}`);
  }
  const bad = describeBadLines(file);
  if (bad === undefined) return;
  if (!flags.allowInvalid)
    throw new BadInputError(`${bad}\n  (fix them, or pass --allow-invalid to run them as failures)`);
  out.note(`${bad}\n  (--allow-invalid: they run as InvalidInput failures)`);
}

/** Inline `requests` when the file is small; else a `source` path, absolute, that every worker must be able to read. */
function inputOf(
  file: BatchFile,
  settings: Omit<CreateSpecsBatchInput, 'requests' | 'source'>,
  asSource: boolean,
): CreateSpecsBatchInput {
  if (asSource || !fitsInline(file)) return { source: { path: path.resolve(file.path) }, ...settings };
  // A line that is not JSON travels as null: its text may hold anything, and inputs stay in history.
  // Lines let through by --allow-invalid are not requests: each item checks its own and fails alone.
  const requests = file.lines.map((line) => (line.value === undefined ? null : line.value)) as CreateSpecRequest[];
  return { requests, ...settings };
}

async function isRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch {
    return false;
  }
}

/** Queries the progress every interval until `ended` settles. */
async function watch(ended: Promise<unknown>, intervalMs: number, poll: () => Promise<void>): Promise<void> {
  let settled = false;
  const done = ended.then(
    () => (settled = true),
    () => (settled = true),
  );
  let timer: NodeJS.Timeout | undefined;
  while (!settled) {
    await poll();
    await Promise.race([done, new Promise((resolve) => (timer = setTimeout(resolve, intervalMs)))]);
    clearTimeout(timer);
  }
}

/** Failure messages in the summary are cut here (the --json result has them whole). */
const SUMMARY_MESSAGE_CHARS = 100;
const clip = (text: string) =>
  text.length > SUMMARY_MESSAGE_CHARS ? `${text.slice(0, SUMMARY_MESSAGE_CHARS - 3)}...` : text;

function exitCodeOf(result: CreateSpecsBatchResult): ExitCode {
  const allSucceeded = result.succeeded === result.total && result.notStarted === 0 && result.stopReason === undefined;
  return allSucceeded ? EXIT_CODES.ok : EXIT_CODES.specFailed;
}

async function runBatch(context: CliContext, fileArg: string, flags: BatchFlags): Promise<ExitCode> {
  const out = outputOf(context, flags);
  const settings = settingsOf(flags);
  const file = readBatchFile(fileArg);
  checkLines(file, flags, out);
  const input = inputOf(file, settings, flags.asSource === true);
  const temporal = await connectCliClient(context.streams.env);
  try {
    const { client, config } = temporal;
    const attached = await isRunning(client, batchWorkflowId(input));
    const handle = await startCreateSpecsBatch(client, input, { taskQueue: config.taskQueue });
    const mode = input.source === undefined ? 'inline' : 'source';
    const started = {
      workflowId: handle.workflowId,
      attached,
      items: file.lines.length,
      mode,
      ...(input.source && { source: input.source }),
    };
    if (!flags.wait) {
      out.result({ ok: true, exitCode: 0, ...started }, [handle.workflowId]);
      return EXIT_CODES.ok;
    }
    out.event('started', { ...started, taskQueue: config.taskQueue });
    out.line(
      `${attached ? 'Attached to' : 'Started'} ${handle.workflowId}: ${file.lines.length} specs from ${file.path}` +
        (mode === 'source'
          ? ` (read by the workers from ${input.source && 'path' in input.source ? input.source.path : ''})`
          : ''),
    );
    await warnWithoutWorker(client, config.taskQueue, out);
    const view = batchBar(out);
    const ended = handle.result();
    await watch(ended, PROGRESS_INTERVAL_MS, async () => {
      const progress = await client
        .withDeadline(Date.now() + PROGRESS_CALL_TIMEOUT_MS, () => getBatchProgress(handle))
        .catch(() => undefined);
      if (progress !== undefined) view.show(progress);
    });
    let result: CreateSpecsBatchResult;
    try {
      result = await ended;
    } catch (err) {
      if (!(err instanceof WorkflowFailedError)) throw err;
      view.finish();
      const { status, type, message } = describeFailure(err);
      out.result({ ok: false, exitCode: 1, workflowId: handle.workflowId, status, failure: { type, message } }, [
        out.paint(`Batch ${status}: ${type}: ${message}`, 'red'),
      ]);
      return EXIT_CODES.failed;
    }
    // One last look, so the bar ends on the final counts.
    const last = await getBatchProgress(handle).catch(() => undefined);
    if (last !== undefined) view.show(last);
    view.finish();
    return await report(out, client, handle.workflowId, file, result, flags.failedOut ?? failedOutPathOf(file.path));
  } finally {
    await temporal.close();
  }
}

async function report(
  out: CliOutput,
  client: Client,
  workflowId: string,
  file: BatchFile,
  result: CreateSpecsBatchResult,
  failedOut: string,
): Promise<ExitCode> {
  const exitCode = exitCodeOf(result);
  const rerun = await indexesToRerun(client, workflowId, result, file.lines.length);
  writeFailedOut(failedOut, file, rerun);
  const { total, succeeded, failed, cancelled, notStarted, stopReason, failures } = result;
  const summary = `${succeeded} of ${file.lines.length} specs succeeded, ${failed} failed, ${cancelled} cancelled, ${notStarted} not started`;
  const failureLines = failures
    .slice(0, 10)
    .map(
      (f) =>
        `  line ${file.lines[f.index]?.lineNumber ?? '?'}${f.name ? ` (${f.name})` : ''}: ${f.type}: ${clip(f.message)}`,
    );
  out.result(
    {
      ok: exitCode === 0,
      exitCode,
      workflowId,
      total,
      succeeded,
      failed,
      cancelled,
      notStarted,
      ...(stopReason && { stopReason }),
      failedOut,
      rerun: rerun.length,
      failures,
    },
    [
      '',
      out.paint(summary, exitCode === 0 ? 'green' : 'red'),
      ...(stopReason === undefined ? [] : [`Stopped: ${stopReason}`]),
      ...failureLines,
      ...(failures.length > 10 ? [`  ... ${failures.length - 10} more`] : []),
      rerun.length === 0
        ? `Nothing to run again (${failedOut} is empty)`
        : `${rerun.length} requests to run again in ${failedOut}: dataframer-temporal batch ${failedOut}`,
    ],
  );
  return exitCode;
}

const BATCH_HELP = `
The file holds one create request a line, in the API's field names (blank lines skipped, lines counted as
the workers count them; a line over 256 KB is invalid). Every line is checked first: a bad one exits 2
naming its line and field (--allow-invalid runs them as failures).
Up to ${BATCH_LIMITS.maxInlineRequests} lines and 1 MB the requests travel in the workflow's input; a larger file is
passed as a source path made absolute, which EVERY WORKER on the task queue must be able to read.
The batch id hashes the input (the requests, or the path, and the flags): running the same command
again attaches to the batch under way (Ctrl-C leaves it running). A batch that has ended starts again:
add --if-name-exists adopt so that the specs it already made are adopted, not name conflicts.
At the end the requests that did not succeed are written to <file>.failed.jsonl (or --failed-out) to
run again (a spec DataFramer FAILED keeps its name: give its line a new one).
Exit 0 all succeeded, 1 any failed or the batch stopped, 2 bad input, 3 Temporal unreachable.`;

/** Registers `batch`. */
export function registerBatch(program: Command, context: CliContext): void {
  const command = program
    .command('batch <file.jsonl>')
    .description('create many specs from a JSONL file (createSpecsBatchWorkflow) with a live progress bar')
    .option(
      '--concurrency <n>',
      `specs running at once, 1 to ${BATCH_LIMITS.maxConcurrency} (default ${BATCH_LIMITS.defaultConcurrency})`,
    )
    .option('--max-failures <n>', 'stop once this many specs failed (default no limit)')
    .option(
      '--max-failure-ratio <r>',
      'stop once this share (0 to 1] of finished specs failed, judged after 10 (default no limit)',
    )
    .option('--if-name-exists <fail|adopt>', 'what a spec does when its name is taken (default fail)')
    .option('--deadline <duration>', "each spec's deadline (default 24 hours)")
    .option('--on-cancel <abandon|delete>', 'what cancelling a spec does to it (default abandon)')
    .option('--poll-interval <duration>', "each spec's first wait between status reads (default 10 seconds)")
    .option('--poll-max-interval <duration>', "each spec's longest wait between status reads (default 60 seconds)")
    .option('--failed-out <path>', 'where to write the requests to run again (default <file>.failed.jsonl)')
    .option('--as-source', 'pass the file as a source path (every worker must read it) even when it fits inline')
    .option('--allow-invalid', 'run invalid lines as InvalidInput failures instead of exiting 2')
    .option('--no-wait', 'print the batch workflow id and return once it is started')
    .addHelpText('after', BATCH_HELP);
  addJsonOption(command).action(async (file: string, flags: BatchFlags) => {
    context.exitCode = await runBatch(context, file, flags);
  });
}
