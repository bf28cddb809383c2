/** The task queue our worker polls and our client helpers start workflows on, unless told otherwise. */
export const DEFAULT_TASK_QUEUE = 'dataframer-specs';

/** Prefix of the workflow id of a spec: `dataframer-spec/<spec name>`. */
export const SPEC_WORKFLOW_ID_PREFIX = 'dataframer-spec/';

/** The workflow id for a spec name; one spec name, one workflow, so a second start attaches. */
export function specWorkflowId(specName: string): string {
  return `${SPEC_WORKFLOW_ID_PREFIX}${specName}`;
}
