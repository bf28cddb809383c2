// The live view of a batch: one bar redrawn in place on a terminal, a plain line per change elsewhere,
// a `progress` JSON line per change with --json.
import type { BatchProgress } from '../../workflows/batch/types';
import type { CliOutput } from '../output';

const BAR_WIDTH = 30;

/** `1h02m`, `4m05s`, `12s`. */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

function bar(done: number, total: number): string {
  const filled = total <= 0 ? 0 : Math.min(BAR_WIDTH, Math.round((done / total) * BAR_WIDTH));
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

/** The counts, without rate and time left: a change of this text is a change worth a line. */
function countsText(progress: BatchProgress, out: CliOutput): string {
  const done = progress.succeeded + progress.failed + progress.cancelled;
  const total = `${progress.total}${progress.totalKnown ? '' : '+'}`;
  const window = progress.window < progress.concurrency ? `  window ${progress.window}/${progress.concurrency}` : '';
  return [
    `${bar(done, progress.total)} ${String(done).padStart(String(progress.total).length)}/${total}`,
    out.paint(`succeeded ${progress.succeeded}`, 'green'),
    progress.failed + progress.cancelled > 0
      ? out.paint(`failed ${progress.failed + progress.cancelled}`, 'red')
      : `failed ${progress.failed}`,
    `running ${progress.running}${window}`,
  ].join('  ');
}

function paceText(progress: BatchProgress): string {
  const rate = `${(progress.specsPerMinute / 60).toFixed(1)} specs/s`;
  const busy = progress.running + progress.pending > 0;
  const left =
    progress.estimatedSecondsLeft === undefined || !busy
      ? ''
      : `  ${formatSeconds(progress.estimatedSecondsLeft)} left`;
  return `${rate}${left}`;
}

/** The bar of one batch; `show` on each progress, `finish` once before the result. */
export function batchBar(out: CliOutput) {
  const { stdout } = out.streams;
  const tty = stdout.isTTY === true && !out.json;
  // The batch's own start once it answers (an attached run shows the batch's age); a worker older
  // than that field leaves the clock at this watch's start.
  let startedAtMs = Date.now();
  let lastCounts = '';
  let drawn = false;
  return {
    show(progress: BatchProgress) {
      const counts = countsText(progress, out);
      const changed = counts !== lastCounts;
      if (progress.startedAtMs !== undefined) startedAtMs = progress.startedAtMs;
      lastCounts = counts;
      if (out.json) {
        if (changed) out.event('progress', { ...progress });
        return;
      }
      const elapsed = `[${formatSeconds((Date.now() - startedAtMs) / 1000).padStart(6)}]`;
      const line = `${elapsed} ${counts}  ${paceText(progress)}`;
      // A line wider than the terminal wraps, and `\r` would then redraw only its last row: drop the pace.
      const columns = stdout.columns ?? 0;
      // eslint-disable-next-line no-control-regex
      const visible = line.replace(/\u001b\[[0-9;]*m/g, '').length;
      const clipped = columns > 0 && visible >= columns ? `${elapsed} ${counts}` : line;
      if (tty) {
        // Carriage return and erase to the end of the line: the bar stays on one line.
        stdout.write(`\r\u001b[2K${clipped}`);
        drawn = true;
      } else if (changed) stdout.write(`${line}\n`);
    },
    finish() {
      if (drawn) stdout.write('\n');
      drawn = false;
    },
  };
}
