// `dataframer-temporal cancel <name> [--delete]`: cancels a spec's workflow. What happens to the spec
// was chosen at start (`onCancel`, default abandon); --delete asks the workflow, by the
// deleteOnCancel signal sent just before the cancellation, to delete it whatever it started with.
import type { WorkflowHandle } from '@temporalio/client';
import type { Command } from 'commander';
import { deleteOnCancelSignal } from '../../workflows/definitions';
import { addJsonOption, outputOf, type CliContext } from '../context';
import { BadInputError, EXIT_CODES, type ExitCode } from '../exit-codes';
import { connectCliClient } from '../temporal-client';
import { specEnd } from '../watch-spec';
import { addSpecIdentity, describeSpec } from './spec-handle';

interface CancelFlags {
  datasetId?: string;
  delete?: boolean;
  wait: string;
  json?: boolean;
}

function waitMs(raw: string): number {
  if (!/^\d+$/.test(raw)) throw new BadInputError(`--wait must be a whole number of seconds, got "${raw}"`);
  return Number(raw) * 1000;
}

/** The workflow's end if it comes within `timeoutMs` (a worker must run to carry the cancellation out). */
async function endWithin(end: ReturnType<typeof specEnd>, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
  try {
    return await Promise.race([end, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when the history shows the workflow's deleteSpec activity completed (the spec is gone from DataFramer). */
async function deleteSpecCompleted(handle: WorkflowHandle): Promise<boolean> {
  const events = (await handle.fetchHistory()).events ?? [];
  const deletes = new Set(
    events
      .filter((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === 'deleteSpec')
      .map((event) => String(event.eventId)),
  );
  return events.some((event) => deletes.has(String(event.activityTaskCompletedEventAttributes?.scheduledEventId)));
}

async function runCancel(context: CliContext, name: string, flags: CancelFlags): Promise<ExitCode> {
  const out = outputOf(context, flags);
  const timeoutMs = waitMs(flags.wait);
  const temporal = await connectCliClient(context.streams.env);
  try {
    const { handle, description } = await describeSpec(temporal.client, name, flags.datasetId);
    const workflowId = handle.workflowId;
    const deleteRequested = flags.delete === true;
    if (description.status.name !== 'RUNNING') {
      const workflowStatus = description.status.name;
      const why = deleteRequested
        ? '; nothing cancelled or deleted (delete the spec on DataFramer itself)'
        : '; nothing to cancel';
      out.result({ ok: true, exitCode: 0, workflowId, workflowStatus, cancelled: false, deleteRequested }, [
        `${workflowId} already ended (${workflowStatus})${why}`,
      ]);
      return EXIT_CODES.ok;
    }
    if (deleteRequested) await handle.signal(deleteOnCancelSignal);
    await handle.cancel();
    out.event('cancelRequested', { workflowId, deleteRequested });
    const end = await endWithin(specEnd(handle), timeoutMs);
    const workflowStatus = end === undefined ? 'RUNNING' : (await handle.describe()).status.name;
    const specDeleted = end !== undefined && (await deleteSpecCompleted(handle));
    const lines =
      end === undefined
        ? [`Cancellation of ${workflowId} requested; it has not ended within ${flags.wait} s (is a worker running?)`]
        : [`${workflowId} ${workflowStatus}${specDeleted ? '; its spec was deleted on DataFramer' : ''}`];
    const fields = { workflowId, workflowStatus, cancelled: true, deleteRequested, specDeleted };
    out.result({ ok: true, exitCode: 0, ...fields }, lines);
    return EXIT_CODES.ok;
  } finally {
    await temporal.close();
  }
}

/** Registers `cancel`. */
export function registerCancel(program: Command, context: CliContext): void {
  const command = program
    .command('cancel')
    .description("cancel a spec's workflow (the spec is abandoned, or deleted as chosen at create)");
  addSpecIdentity(command)
    .option('--delete', 'delete the spec on DataFramer too, whatever --on-cancel it was created with')
    .option('--wait <seconds>', 'how long to wait for the workflow to end', '30');
  addJsonOption(command).action(async (name: string, flags: CancelFlags) => {
    context.exitCode = await runCancel(context, name, flags);
  });
}
