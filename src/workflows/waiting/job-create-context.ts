import { workflowInfo } from '@temporalio/workflow';
import type { CreateJobOptions } from '../../activities';

/**
 * What a run or evaluation create is told about its workflow: the chain's first start, and whether an
 * earlier run of the chain may have made the job without this run knowing its id. That is a reset
 * (the run id differs from the one its started event recorded, or, on a server that does not say,
 * a later run not reached by continue-as-new) or a workflow retry. A run reached by continue-as-new
 * carries its job's id in its state, so it creates nothing it could have made before.
 * Call it only where the workflow has no job id yet (it is read when the create starts).
 */
export function jobCreateContext(): CreateJobOptions {
  const info = workflowInfo();
  const reset =
    info.runId !== info.originalExecutionRunId ||
    (info.runId !== info.firstExecutionRunId && info.continuedFromExecutionRunId === undefined);
  return {
    // The started event is copied by a reset and the chain keeps it: this is the workflow's first start.
    workflowStartedAtMs: info.startTime.getTime(),
    earlierRunMayHaveCreated: reset || info.attempt > 1,
  };
}
