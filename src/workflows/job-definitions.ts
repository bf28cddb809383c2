import { defineQuery } from '@temporalio/workflow';
import type { JobWorkflowProgress, SpecPipelineProgress } from './job-types';

/** Query of the run and evaluation workflows (same name as the spec workflow's): phase, id, status, progress. */
export const getJobProgressQuery = defineQuery<JobWorkflowProgress>('getProgress');

/** Query of the pipeline: which step it is in, and that step's progress. */
export const getPipelineProgressQuery = defineQuery<SpecPipelineProgress>('getProgress');
