import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { DataFramerActivities, JobStatusView } from '../../activities';
import {
  AWAIT_JOB_ACTIVITY_OPTIONS,
  GET_JOB_STATUS_ACTIVITY_OPTIONS,
  GET_JOB_STATUS_LOCAL_ACTIVITY_OPTIONS,
} from '../../common/job-activity-policies';
import { WORKFLOW_FAILURE_TYPES } from '../../common/failure-types';
import { EVALUATION_RESOURCE, RUN_RESOURCE, type ResourceDescription } from '../../dataframer/resources';
import { jobDeadlineExceeded, type JobWaitState } from './job-wait-state';
import type { WaitKind } from './wait-kind';

const statusActivities = proxyActivities<DataFramerActivities>(GET_JOB_STATUS_ACTIVITY_OPTIONS);
const statusLocalActivities = proxyLocalActivities<DataFramerActivities>(GET_JOB_STATUS_LOCAL_ACTIVITY_OPTIONS);

type StatusReaders = Pick<DataFramerActivities, 'getRunStatus' | 'getEvaluationStatus'>;

/** A run or an evaluation on the generic waiting machinery: its description and its status read. */
export interface JobWaitKind extends WaitKind<JobStatusView, JobWaitState> {
  kind: 'run' | 'evaluation';
  description: ResourceDescription;
}

/**
 * A job kind from its description and the activity that reads it once: the waiting activity is the
 * one `awaitJobStatus` for every kind, and each read merges the description's view fields (progress).
 */
function jobWaitKind(
  kind: JobWaitKind['kind'],
  description: ResourceDescription,
  readWith: (activities: StatusReaders, id: string, context: { createdAtMs?: number }) => Promise<JobStatusView>,
): JobWaitKind {
  const self: JobWaitKind = {
    kind,
    description,
    read: (id, context) => readWith(statusActivities, id, context),
    readLocally: (id, context) => readWith(statusLocalActivities, id, context),
    awaitTerminal: (position, context, scheduleToCloseMs) =>
      proxyActivities<DataFramerActivities>({
        ...AWAIT_JOB_ACTIVITY_OPTIONS,
        scheduleToCloseTimeout: scheduleToCloseMs,
      }).awaitJobStatus({ kind, ...position }, context),
    stillProcessingType: WORKFLOW_FAILURE_TYPES.JobStillProcessing,
    holdsForRetryAfter: () => true,
    recordView: (state, view) => {
      state.progress = { ...state.progress, ...view.progress };
    },
    deadlineExceeded: (state) => jobDeadlineExceeded(self, state),
  };
  return self;
}

/** Every job kind a workflow can wait on besides specs (`SPEC_WAIT_KIND`). A fourth resource is one more entry. */
export const JOB_WAIT_KINDS = {
  run: jobWaitKind('run', RUN_RESOURCE, (a, id, context) => a.getRunStatus(id, context)),
  evaluation: jobWaitKind('evaluation', EVALUATION_RESOURCE, (a, id, context) => a.getEvaluationStatus(id, context)),
} as const satisfies Record<string, JobWaitKind>;
