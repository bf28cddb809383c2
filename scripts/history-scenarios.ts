// Every scenario `npm run record-histories` records, in the order of the index: the spec workflow's
// (the same names, so the same files, as 0.1.0's), then the run, evaluation, pipeline and batch
// workflows' (the batch's all named `batch-*`, added to 0.2.0's folder with `--only batch-`).
import type { HistoryScenario } from './history-scenario';
import { BATCH_SCENARIOS } from './history-batch-scenarios';
import { EVALUATION_SCENARIOS } from './history-evaluation-scenarios';
import { PIPELINE_SCENARIOS } from './history-pipeline-scenarios';
import { RUN_SCENARIOS } from './history-run-scenarios';
import { SPEC_SCENARIOS } from './history-spec-scenarios';

export const HISTORY_SCENARIOS: readonly HistoryScenario[] = [
  ...SPEC_SCENARIOS,
  ...RUN_SCENARIOS,
  ...EVALUATION_SCENARIOS,
  ...PIPELINE_SCENARIOS,
  ...BATCH_SCENARIOS,
];

// A name is a file name: two scenarios of one name would overwrite each other's fixture.
const names = HISTORY_SCENARIOS.map(({ name }) => name);
const repeated = names.filter((name, i) => names.indexOf(name) !== i);
if (repeated.length > 0) throw new Error(`history scenarios share names: ${repeated.join(', ')}`);
