// The children a recorded workflow started, each with its own chain and, in turn, its own children
// (a batch's item workflows and each item's spec child), named after the parent's files.
import type { Client } from '@temporalio/client';
import { childExecutionsOf, fetchChain, type ChildExecution, type RecordedChain } from './history-chains';
import { fileOf, type RecordedChild } from './history-index';

/** What a child's files are called after its parent's: `item-<index>`, or `spec-child` (`spec-child-2`, ...). */
function childLabels(children: ChildExecution[]): string[] {
  const ofType = (type: string) => children.filter((child) => child.workflowType === type).length;
  const seen = new Map<string, number>();
  return children.map(({ workflowId, workflowType }) => {
    const item = /\/item-(\d+)$/.exec(workflowId);
    if (workflowType === 'createSpecsBatchItemWorkflow' && item) return `item-${item[1]}`;
    const label = workflowType === 'createSpecWorkflow' ? 'spec-child' : `${workflowType}-child`;
    const nth = (seen.get(label) ?? 0) + 1;
    seen.set(label, nth);
    return ofType(workflowType) === 1 ? label : `${label}-${nth}`;
  });
}

/** The file of the parent's run whose history holds the child's start event. */
function startedIn(stem: string, parent: RecordedChain, child: ChildExecution): string {
  const index = parent.histories.findIndex((history) =>
    history.events?.some(
      (event) => event.childWorkflowExecutionStartedEventAttributes?.workflowExecution?.runId === child.runId,
    ),
  );
  return fileOf(stem, Math.max(index, 0), parent.histories.length);
}

/**
 * Every child the parent's chain started and their children, depth first. With `allowedIds`, throws
 * unless the parent started at least one child when any is allowed, and none other than those.
 */
export async function recordChildren(
  stem: string,
  parent: RecordedChain,
  client: Client,
  allowedIds?: string[],
): Promise<RecordedChild[]> {
  const children = childExecutionsOf(parent.histories);
  if (allowedIds !== undefined) {
    const ids = children.map(({ workflowId }) => workflowId);
    const stray = ids.filter((id) => !allowedIds.includes(id));
    if (stray.length > 0 || (allowedIds.length > 0 && ids.length === 0)) {
      throw new Error(
        `${stem}: started children ${JSON.stringify(ids)}, expected some of ${JSON.stringify(allowedIds)}`,
      );
    }
  }
  const labels = childLabels(children);
  const recorded: RecordedChild[] = [];
  for (const [index, child] of children.entries()) {
    const childStem = `${stem}.${labels[index]}`;
    const chain = await fetchChain(client, child.workflowId, child.runId);
    recorded.push({ stem: childStem, chain, childOf: startedIn(stem, parent, child) });
    recorded.push(...(await recordChildren(childStem, chain, client)));
  }
  return recorded;
}
