// The live view of one spec: a line redrawn in place on a terminal, a line per change elsewhere, JSON
// lines with --json.
import { createProgressDisplay, type SpecProgressRow } from '../demo/progress-display';
import type { CreateSpecProgress } from '../workflows';
import type { CliOutput } from './output';
import type { SpecEnd } from './watch-spec';

function rowOf(progress: CreateSpecProgress): SpecProgressRow {
  return {
    name: progress.name,
    phase: progress.phase,
    ...(progress.specId === undefined ? {} : { specId: progress.specId }),
    ...(progress.lastStatus === undefined ? {} : { lastStatus: progress.lastStatus }),
    reads: progress.reads,
    retries: 0,
    ...(progress.lastTransientError === undefined ? {} : { lastTransientError: progress.lastTransientError }),
    elapsedMs: Date.now() - progress.startedAtMs,
  };
}

/** Shows each progress: a line redrawn in place on a terminal, a line per change elsewhere, JSON lines with --json. */
export function progressReporter(out: CliOutput) {
  const display = createProgressDisplay(out.streams.stdout);
  let last: SpecProgressRow | undefined;
  // The workflow's own start, so that an attached run counts from when it began.
  let startedAtMs = Date.now();
  let lastJson = '';
  return {
    last: () => last,
    elapsedMs: () => Date.now() - startedAtMs,
    show(progress: CreateSpecProgress) {
      last = rowOf(progress);
      startedAtMs = progress.startedAtMs;
      if (!out.json) return display.update([last]);
      const { phase, specId, lastStatus, reads, lastTransientError, nextReadAt } = progress;
      const json = JSON.stringify({ phase, specId, lastStatus, reads, lastTransientError });
      if (json !== lastJson)
        out.event('progress', { phase, specId, lastStatus, reads, lastTransientError, nextReadAt });
      lastJson = json;
    },
    finish(end: SpecEnd) {
      if (out.json || last === undefined) return;
      display.finish([
        {
          ...last,
          phase: end.status.toLowerCase(),
          elapsedMs: Date.now() - startedAtMs,
          ...(end.status === 'SUCCEEDED' && {
            specId: end.result.specId,
            lastStatus: end.result.status,
            reads: end.result.polls,
          }),
        },
      ]);
    },
  };
}
