// API calls and detection latency of the default poll schedule against a fixed 5-second poller,
// computed exactly from the schedule (`src/common/poll-schedule.ts`, the functions the workflow uses).
//
//   node --import tsx bench/poll-cost.ts
//
// The arithmetic floor: a poller that promises to see a finished spec within D seconds must read at
// least once every D seconds, so a generation of T seconds needs at least T / D reads.
import { pollDelayMs, readsToCover, resolvePollSchedule } from '../src/common/poll-schedule';

/** Generation lengths compared: 1 min, 10 min, 1 h, 5 h. */
export const GENERATIONS_S = [60, 600, 3_600, 18_000] as const;
/** The fixed poller the schedule is compared with. */
export const FIXED_POLL_S = 5;

/** One generation length, both pollers. */
export interface PollCostRow {
  generationS: number;
  /** Reads of the default schedule at mean jitter, and over the whole jitter range. */
  reads: number;
  readsRange: [number, number];
  /** Seconds from the spec finishing (at exactly T) to the read that sees it, at mean jitter. */
  detectedAfterS: number;
  /** The longest wait between reads up to T (no jitter): the worst a spec finishing near T can wait. */
  ceilingS: number;
  /** The floor for that ceiling, ⌈T / D⌉. */
  floorReads: number;
  fixedReads: number;
}

function detection(generationMs: number, random: number): { reads: number; lastReadMs: number } {
  const schedule = resolvePollSchedule();
  let elapsed = 0;
  let reads = 0;
  while (elapsed < generationMs) elapsed += pollDelayMs(schedule, ++reads, random);
  return { reads, lastReadMs: elapsed };
}

/** Every generation length of {@link GENERATIONS_S}. */
export function computePollCost(): PollCostRow[] {
  const schedule = resolvePollSchedule();
  return GENERATIONS_S.map((generationS) => {
    const ms = generationS * 1000;
    const mean = detection(ms, 0.5);
    const worstReads = detection(ms, 0).reads;
    const ceilingS = pollDelayMs(schedule, worstReads, 0) / 1000;
    return {
      generationS,
      reads: readsToCover(schedule, ms, 0.5),
      readsRange: [readsToCover(schedule, ms, 0), readsToCover(schedule, ms, 1)],
      detectedAfterS: (mean.lastReadMs - ms) / 1000,
      ceilingS,
      floorReads: Math.ceil(generationS / ceilingS),
      fixedReads: Math.ceil(generationS / FIXED_POLL_S),
    };
  });
}

const label = (s: number) => (s >= 3_600 ? `${s / 3_600} h` : `${s / 60} min`);

/** The rows as a Markdown table. */
export function pollCostTable(rows: readonly PollCostRow[]): string {
  return [
    '| generation | default schedule: reads (jitter range) | seen after | ceiling D | floor ⌈T/D⌉ | reads / floor | fixed 5 s: reads, ceiling |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${label(r.generationS)} | ${r.reads} (${r.readsRange[0]}-${r.readsRange[1]}) | ${r.detectedAfterS.toFixed(1)} s | ${r.ceilingS} s | ${r.floorReads} | ${(r.reads / r.floorReads).toFixed(2)} | ${r.fixedReads}, ${FIXED_POLL_S} s |`,
    ),
  ].join('\n');
}

if (require.main === module) console.log(pollCostTable(computePollCost()));
