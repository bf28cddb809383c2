// The live view of the demo's specs: on a terminal, a block of lines redrawn in place; elsewhere (a
// pipe, a CI log), one line each time a spec's state changes.

/** Where one spec stands, as the display shows it. */
export interface SpecProgressRow {
  name: string;
  /** The workflow's phase (`creating`, `waiting`, `succeeded`, ...), or `starting` before it answers. */
  phase: string;
  specId?: string;
  /** The last status DataFramer reported. */
  lastStatus?: string;
  /** Status reads so far. */
  reads: number;
  /** Failed attempts of activities that Temporal retried (injected faults, on the simulator). */
  retries: number;
  /** The last of them: failure type and the activity that hit it. */
  lastTransientError?: string;
  elapsedMs: number;
}

/** A stream the display writes to: a TTY (redraws in place) or not (appends lines). */
export interface DisplayStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The live display of the demo's specs. */
export interface ProgressDisplay {
  /** Shows the rows: redraws the block on a TTY, else prints the rows whose state changed. */
  update(rows: readonly SpecProgressRow[]): void;
  /** Shows the rows one last time; later updates are ignored. */
  finish(rows: readonly SpecProgressRow[]): void;
}

const ESC = '\u001b[';
const MAX_ERROR_CHARS = 60;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function shortId(specId: string | undefined): string {
  return specId === undefined ? '-' : specId.slice(0, 8);
}

// Rows that do not count retries (the CLI's) still show the last transient error.
function retriesText(row: SpecProgressRow): string {
  const last = row.lastTransientError ?? '';
  const clipped = last.length > MAX_ERROR_CHARS ? `${last.slice(0, MAX_ERROR_CHARS - 3)}...` : last;
  if (row.retries > 0) return `  retried ${row.retries}x (last: ${clipped})`;
  return clipped === '' ? '' : `  last error: ${clipped}`;
}

/** The row's fields without the clock, so a change of state is a change of this text. */
function stateText(row: SpecProgressRow, nameWidth: number): string {
  return [
    row.name.padEnd(nameWidth),
    row.phase.padEnd(9),
    `spec ${shortId(row.specId).padEnd(8)}`,
    (row.lastStatus ?? '-').padEnd(10),
    `reads ${String(row.reads).padStart(2)}`,
  ].join('  ');
}

function clip(line: string, columns: number | undefined): string {
  return columns !== undefined && columns > 0 && line.length > columns ? line.slice(0, columns - 1) : line;
}

/** Creates the display; `stream.isTTY` chooses between redrawing and appending. */
export function createProgressDisplay(stream: DisplayStream): ProgressDisplay {
  const createdAtMs = Date.now();
  let drawnLines = 0;
  let finished = false;
  const lastState = new Map<string, string>();
  const nameWidthOf = (rows: readonly SpecProgressRow[]) => Math.max(4, ...rows.map((row) => row.name.length));

  function redraw(rows: readonly SpecProgressRow[]): void {
    const width = nameWidthOf(rows);
    const lines = rows.map(
      (row) => `${stateText(row, width)}  ${seconds(row.elapsedMs).padStart(7)}${retriesText(row)}`,
    );
    // Back to the first line of the block, then rewrite each line whole.
    let text = drawnLines > 0 ? `${ESC}${drawnLines}F` : '';
    for (const line of lines) text += `${ESC}2K${clip(line, stream.columns)}\n`;
    stream.write(text);
    drawnLines = lines.length;
  }

  // Each line is stamped with the display's own clock, so the stamps of a log never go backwards.
  function appendChanges(rows: readonly SpecProgressRow[]): void {
    const width = nameWidthOf(rows);
    const stamp = `[${seconds(Date.now() - createdAtMs).padStart(7)}]`;
    for (const row of rows) {
      const state = `${stateText(row, width)}${retriesText(row)}`;
      if (lastState.get(row.name) === state) continue;
      lastState.set(row.name, state);
      stream.write(`${stamp} ${state}\n`);
    }
  }

  const show = (rows: readonly SpecProgressRow[]) => (stream.isTTY === true ? redraw(rows) : appendChanges(rows));
  return {
    update(rows) {
      if (!finished) show(rows);
    },
    finish(rows) {
      if (finished) return;
      show(rows);
      finished = true;
    },
  };
}
