// The workflow of a spec named on the command line: `<name>` and `--dataset-id`, the same identity,
// and so the same workflow id, as `create` used.
import {
  WorkflowNotFoundError,
  type Client,
  type WorkflowExecutionDescription,
  type WorkflowHandle,
} from '@temporalio/client';
import type { Command } from 'commander';
import { specWorkflowId } from '../../common/constants';
import type { createSpecWorkflow } from '../../workflows';
import { BadInputError } from '../exit-codes';

/** Adds `<name>` and `--dataset-id` to `command`. */
export function addSpecIdentity(command: Command): Command {
  return command
    .argument('<name>', 'the spec name, as given to create (--name)')
    .option('--dataset-id <uuid>', 'the dataset of a seeded spec (names are unique per dataset)');
}

/** The spec's workflow and the server's description of its latest run; exit 2 when there is none. */
export async function describeSpec(
  client: Client,
  name: string,
  datasetId: string | undefined,
): Promise<{ handle: WorkflowHandle<typeof createSpecWorkflow>; description: WorkflowExecutionDescription }> {
  const workflowId = specWorkflowId({ name, ...(datasetId === undefined ? {} : { dataset_id: datasetId }) });
  const handle = client.workflow.getHandle<typeof createSpecWorkflow>(workflowId);
  try {
    return { handle, description: await handle.describe() };
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    const where = datasetId === undefined ? 'seedless' : `in dataset ${datasetId}`;
    throw new BadInputError(
      `No spec workflow for name "${name}" (${where}): ${workflowId} is not in namespace ${client.options.namespace}`,
    );
  }
}
