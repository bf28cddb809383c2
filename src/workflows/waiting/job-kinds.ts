import type { DataFramerActivities, JobStatusView, JobReadContext } from '../../activities';
import { EVALUATION_RESOURCE, RUN_RESOURCE, type ResourceDescription } from '../../dataframer/resources';

/** The status-read activities, as a workflow's proxy holds them. */
type StatusReaders = Pick<DataFramerActivities, 'getRunStatus' | 'getEvaluationStatus'>;

/**
 * What the generic wait loop needs to know of one kind of job: its description (statuses, failure
 * types, view fields) and which activity reads it once. A fourth resource is one more entry.
 */
export interface JobWaitKind {
  kind: 'run' | 'evaluation';
  description: ResourceDescription;
  read(activities: StatusReaders, id: string, context: JobReadContext): Promise<JobStatusView>;
}

/** Every job kind a workflow can wait on with the generic machinery (specs keep their own, for replay). */
export const JOB_WAIT_KINDS = {
  run: { kind: 'run', description: RUN_RESOURCE, read: (a, id, context) => a.getRunStatus(id, context) },
  evaluation: {
    kind: 'evaluation',
    description: EVALUATION_RESOURCE,
    read: (a, id, context) => a.getEvaluationStatus(id, context),
  },
} as const satisfies Record<string, JobWaitKind>;
