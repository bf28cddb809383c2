// The verdict of `npm run chaos`: every workflow closed as expected, one spec per scope and name,
// nothing orphaned, and no secret (plain, base64 or URL-encoded) in any history or worker log line.
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { RunningSimulator } from '../src/simulator';
import { specWorkflowId } from '../src/common/constants';

/** One named check and whether it held. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The encodings of a secret searched for. */
export function secretForms(secret: string): string[] {
  return [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
  ].filter((form, i, all) => all.indexOf(form) === i);
}

/** Workflows on the task queue, by status. */
export async function workflowsByStatus(client: Client, taskQueue: string): Promise<Map<string, string[]>> {
  const byStatus = new Map<string, string[]>();
  for await (const info of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    const ids = byStatus.get(info.status.name) ?? [];
    ids.push(`${info.workflowId} ${info.runId}`);
    byStatus.set(info.status.name, ids);
  }
  return byStatus;
}

/** Occurrences of any form of any secret in every history (all runs) of the workflows listed. */
export async function scanHistories(client: Client, runs: string[], needles: string[]): Promise<number> {
  let hits = 0;
  const forms = needles.flatMap((needle) => secretForms(needle));
  for (let first = 0; first < runs.length; first += 20) {
    await Promise.all(
      runs.slice(first, first + 20).map(async (run) => {
        const [workflowId, runId] = run.split(' ');
        const history = await client.workflow.getHandle(workflowId!, runId).fetchHistory();
        const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish()).toString('latin1');
        for (const form of forms) if (bytes.includes(form)) hits += 1;
      }),
    );
  }
  return hits;
}

/** Log lines holding any form of any secret. */
export function scanLines(lines: readonly string[], needles: string[]): number {
  const forms = needles.flatMap((needle) => secretForms(needle));
  return lines.filter((line) => forms.some((form) => line.includes(form))).length;
}

/** One spec per scope and name, exactly the names asked for, and each one a spec the batch returned. */
export function checkSpecs(simulator: RunningSimulator, names: readonly string[], returned: Set<string>): Check[] {
  const perScopeAndName = new Map<string, number>();
  for (const spec of simulator.specs()) {
    const key = specWorkflowId({
      name: String(spec.name),
      dataset_id: (spec.dataset_id as string | null) ?? undefined,
    });
    perScopeAndName.set(key, (perScopeAndName.get(key) ?? 0) + 1);
  }
  const duplicated = [...perScopeAndName].filter(([, n]) => n !== 1);
  const wanted = new Set(names.map((name) => specWorkflowId({ name })));
  const missing = [...wanted].filter((key) => !perScopeAndName.has(key));
  const stray = [...perScopeAndName.keys()].filter((key) => !wanted.has(key));
  const orphans = simulator.specs().filter((spec) => !returned.has(String(spec.id)));
  return [
    {
      name: 'specs per scope and name exactly 1',
      ok: duplicated.length === 0 && missing.length === 0,
      detail: `${perScopeAndName.size} scopes+names, ${duplicated.length} duplicated, ${missing.length} missing`,
    },
    {
      name: 'nothing orphaned',
      ok: orphans.length === 0 && stray.length === 0,
      detail: `${orphans.length} specs no workflow returned, ${stray.length} specs nobody asked for`,
    },
  ];
}

/** One run per pipeline's spec and one evaluation per run, and no run or evaluation nobody asked for. */
export function checkJobs(simulator: RunningSimulator, pipelines: { specId: string; runId: string }[]): Check {
  const counters = simulator.counters();
  const badRuns = pipelines.filter((p) => counters.runsCreatedBySpec[p.specId] !== 1).length;
  const badEvaluations = pipelines.filter((p) => counters.evaluationsCreatedByRun[p.runId] !== 1).length;
  return {
    name: 'runs per pipeline exactly 1, evaluations per run exactly 1',
    ok:
      badRuns === 0 &&
      badEvaluations === 0 &&
      counters.runsTotal === pipelines.length &&
      counters.evaluationsTotal === pipelines.length,
    detail: `${counters.runsTotal} runs and ${counters.evaluationsTotal} evaluations for ${pipelines.length} pipelines; ${badRuns} specs without exactly one run, ${badEvaluations} runs without exactly one evaluation`,
  };
}
