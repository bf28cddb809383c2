// `npm run bench`: every figure of docs/performance.md, measured side by side in one run on
// this machine, printed as one Markdown table (and each bench's own table below it).
//
//   npm run bench                                       the whole run (about 20 minutes on 2 cores)
//   npm run bench -- --memory-specs 2000 --memory-cache 500,0 --batch-specs 500
//
// Reuses the single benches as modules: history events (time-skipping server), billable actions
// (dev-server metrics), API calls and detection latency (computed from the schedule), batch
// throughput beside empty workflows (dev server), worker memory (`node dist/worker.js`, needs a build).
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { measureBatchThroughput } from './batch-throughput';
import { measureBillableActions } from './billable-actions';
import { installQuietRuntime, measureHistoryCost } from './history-cost';
import { computePollCost, FIXED_POLL_S, pollCostTable } from './poll-cost';
import { measureWorkerMemory, memoryTable } from './worker-memory';

const { values: args } = parseArgs({
  options: {
    'batch-specs': { type: 'string', default: '1000' },
    'memory-specs': { type: 'string', default: '5000' },
    'memory-cache': { type: 'string', default: 'default,500,100,0' },
  },
});

type Row = [figure: string, caseLabel: string, measured: string, beside: string];

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

async function main(): Promise<void> {
  installQuietRuntime();
  const rows: Row[] = [];
  // Each row is also printed as it is measured, so a run cut short keeps what it measured.
  const push = (row: Row) => {
    rows.push(row);
    console.error(`| ${row.join(' | ')} |`);
  };
  const notes: string[] = [`load average at start: ${load()}`];
  const log = (line: string) => console.error(line);

  log('history events per read (time-skipping server)...');
  for (const r of await measureHistoryCost([3, 1])) {
    push([
      'history events per status read',
      `${r.kind} workflow, ${r.design}, ${r.hours} h`,
      `${r.eventsPerRead.toFixed(2)} (${r.events} events, ${r.reads} reads)`,
      '',
    ]);
  }

  log('billable actions per read (dev server metrics)...');
  for (const r of (await measureBillableActions()).rows) {
    push([
      'billable actions per status read',
      `${r.label}, ${r.hours} h`,
      `${(r.actions / r.reads).toFixed(3)} (${r.actions} actions, ${r.reads} reads)`,
      '',
    ]);
  }

  const pollCost = computePollCost();
  for (const r of pollCost) {
    const t = r.generationS >= 3_600 ? `${r.generationS / 3_600} h` : `${r.generationS / 60} min`;
    push([
      'API reads, detection (default schedule)',
      `${t} generation`,
      `${r.reads} reads, seen ${r.detectedAfterS.toFixed(1)} s after, ceiling ${r.ceilingS} s`,
      `floor ⌈T/D⌉ = ${r.floorReads} (×${(r.reads / r.floorReads).toFixed(2)}); fixed ${FIXED_POLL_S} s poller: ${r.fixedReads} reads`,
    ]);
  }

  log('batch throughput beside empty workflows (dev server)...');
  const batchSpecs = Number(args['batch-specs']);
  const batch = await measureBatchThroughput({ specs: batchSpecs });
  push([
    'batch throughput',
    `${batchSpecs} specs, instant completion`,
    `${batch.specsPerS} specs/s (${batch.wallS} s)`,
    `${batch.emptyWorkflowsPerS} empty workflows/s: ${batch.shareOfCeiling} of the ceiling`,
  ]);
  notes.push(`load average after the batch: ${load()}`);

  log('worker memory (node dist/worker.js)...');
  const cacheSizes = args['memory-cache'].split(',').map((c) => (c === 'default' ? undefined : Number(c)));
  const memory = await measureWorkerMemory({ specs: Number(args['memory-specs']), cacheSizes, log });
  for (const m of memory) {
    push([
      'worker RSS, specs waiting',
      `${m.specs} waiting, maxCachedWorkflows ${m.cacheLabel}`,
      `${m.waitingRssMb.toFixed(0)} MB (idle ${m.idleRssMb.toFixed(0)} MB)`,
      `wake-up of all: ${m.wakeCpuSeconds.toFixed(1)} s worker CPU in ${m.wakeSeconds.toFixed(0)} s`,
    ]);
  }
  notes.push(`load average at the end: ${load()}`);

  console.log('| figure | case | measured | beside it |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log(`\n${notes.join('; ')}\n\n${pollCostTable(pollCost)}\n\n${memoryTable(memory)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
