// `dataframer-temporal status <name>`: where a spec's workflow stands (running: its live progress;
// ended: its result or failure). Exit 0 running or succeeded, 1 failed or cancelled, 2 no such spec.
import type { Command } from 'commander';
import { formatOutcome } from '../../demo/demo-report';
import type { CreateSpecProgress } from '../../workflows';
import { addJsonOption, outputOf, type CliContext } from '../context';
import { EXIT_CODES, exitCodeOfFailureType, type ExitCode } from '../exit-codes';
import type { CliOutput } from '../output';
import { connectCliClient } from '../temporal-client';
import { specEnd, tryProgress } from '../watch-spec';
import { addSpecIdentity, describeSpec } from './spec-handle';

interface StatusFlags {
  datasetId?: string;
  json?: boolean;
}

/** One line for people: phase, spec id, last status, reads, next read, last transient error. */
export function progressLine(workflowId: string, progress: CreateSpecProgress): string {
  return [
    workflowId,
    progress.phase,
    `spec ${progress.specId ?? '-'}`,
    progress.lastStatus ?? '-',
    `reads ${progress.reads}`,
    ...(progress.nextReadAt === undefined ? [] : [`next read ${progress.nextReadAt}`]),
    ...(progress.lastTransientError === undefined ? [] : [`last error: ${progress.lastTransientError}`]),
  ].join('  ');
}

function reportRunning(out: CliOutput, workflowId: string, progress: CreateSpecProgress | undefined): ExitCode {
  if (progress === undefined) {
    out.note('No worker answered the progress query in time: is a worker running on its task queue?');
  }
  const line = progress === undefined ? `${workflowId}  RUNNING` : progressLine(workflowId, progress);
  out.result({ ok: true, exitCode: 0, workflowId, workflowStatus: 'RUNNING', progress }, [line]);
  return EXIT_CODES.ok;
}

async function runStatus(context: CliContext, name: string, flags: StatusFlags): Promise<ExitCode> {
  const out = outputOf(context, flags);
  const temporal = await connectCliClient(context.streams.env);
  try {
    const { handle, description } = await describeSpec(temporal.client, name, flags.datasetId);
    const workflowId = handle.workflowId;
    const workflowStatus = description.status.name;
    if (workflowStatus === 'RUNNING') return reportRunning(out, workflowId, await tryProgress(handle));
    // An ended workflow's query is answered by a worker replaying it: without one, the result alone.
    const [end, progress] = await Promise.all([specEnd(handle), tryProgress(handle)]);
    const elapsedMs = (description.closeTime?.getTime() ?? Date.now()) - description.startTime.getTime();
    const common = {
      name,
      workflowId,
      elapsedMs,
      reads: progress?.reads ?? 0,
      ...(progress?.specId && { specId: progress.specId }),
    };
    if (end.status === 'SUCCEEDED') {
      const { result } = end;
      const fields = { specId: result.specId, polls: result.polls, spec: result.spec };
      const text = formatOutcome({ ...common, status: end.status, specId: result.specId, reads: result.polls, result });
      out.result(
        { ok: true, exitCode: 0, workflowId, workflowStatus, status: end.status, ...fields },
        text.split('\n'),
      );
      return EXIT_CODES.ok;
    }
    const exitCode = exitCodeOfFailureType(end.failure.type, end.failure.lastTransientError);
    const text = formatOutcome({ ...common, status: end.status, failure: end.failure });
    out.result(
      { ok: false, exitCode, workflowId, workflowStatus, status: end.status, failure: end.failure },
      text.split('\n'),
    );
    return exitCode;
  } finally {
    await temporal.close();
  }
}

/** Registers `status`. */
export function registerStatus(program: Command, context: CliContext): void {
  const command = program.command('status').description("where a spec's workflow stands: progress, or its result");
  addJsonOption(addSpecIdentity(command)).action(async (name: string, flags: StatusFlags) => {
    context.exitCode = await runStatus(context, name, flags);
  });
}
