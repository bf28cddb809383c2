// What the CLI prints: for people (colours and redraws only on a terminal), or with `--json` one JSON
// object a line on stdout, the last of which is the result.
import type { DisplayStream } from '../demo/progress-display';

/** The streams and environment a command prints to. */
export interface CliStreams {
  stdout: DisplayStream;
  stderr: DisplayStream;
  env: NodeJS.ProcessEnv;
}

const COLOURS = { green: 32, red: 31, yellow: 33, dim: 2 } as const;

/** A colour of {@link CliOutput.paint}. */
export type Colour = keyof typeof COLOURS;

/** Writes BigInts as strings: Temporal's timestamps and counters may be BigInts. */
function toJsonLine(value: Record<string, unknown>): string {
  return `${JSON.stringify(value, (_, field: unknown) => (typeof field === 'bigint' ? String(field) : field))}\n`;
}

/** One command's output, in the mode its flags chose. */
export class CliOutput {
  /** Colours only for a person at a terminal that accepts them (https://no-color.org). */
  readonly colour: boolean;

  constructor(
    readonly json: boolean,
    readonly streams: CliStreams,
  ) {
    const { stdout, env } = streams;
    this.colour = !json && stdout.isTTY === true && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  }

  /** A line for people on stdout; nothing with `--json`. */
  line(text: string): void {
    if (!this.json) this.streams.stdout.write(`${text}\n`);
  }

  /** A side remark (a warning, a hint): stderr for people, a `note` line with `--json`. */
  note(message: string): void {
    if (this.json) this.event('note', { message });
    else this.streams.stderr.write(`${message}\n`);
  }

  /** A JSON line `{ type, ...fields }` with `--json`; nothing for people. */
  event(type: string, fields: Record<string, unknown>): void {
    if (this.json) this.streams.stdout.write(toJsonLine({ type, ...fields }));
  }

  /** The command's outcome: the last JSON line (`type: "result"`), or these lines for people. */
  result(fields: Record<string, unknown>, lines: readonly string[]): void {
    if (this.json) this.event('result', fields);
    else for (const text of lines) this.line(text);
  }

  /** The text in a colour when colours are on. */
  paint(text: string, colour: Colour): string {
    return this.colour ? `\u001b[${COLOURS[colour]}m${text}\u001b[0m` : text;
  }
}
