// The JSONL file of `batch`: one create request a line, every line checked with the worker's own
// schema before anything starts. Lines are told apart by the workers' own rule (jsonl-lines.ts: blank
// lines skipped, CRLF and a BOM trimmed, a line over 256 KB one invalid item), so the line the CLI
// names for item i is the line the workers read as item i.
import { readFileSync } from 'node:fs';
import { BATCH_LIMITS } from '../../common/batch-policies';
import { classifyLine, MAX_LINE_BYTES, NEWLINE } from '../../common/jsonl-lines';
import { CreateSpecRequestSchema } from '../../dataframer/create-spec-request';
import { BadInputError } from '../exit-codes';

/** Largest file sent inline as `requests`: the batch's input is one payload, and Temporal refuses one of 2 MB. */
export const MAX_INLINE_BYTES = 1024 * 1024;

/** One non-blank line: its item index is its position among those lines. */
export interface BatchLine {
  /** 1-based line number in the file. */
  lineNumber: number;
  text: string;
  /** The parsed JSON, or undefined when the line is not JSON. */
  value: unknown;
  /** What is wrong with it, naming the field; undefined when it is a valid request. */
  problem?: string;
  /** A Databricks secret in the line: never sent, whatever the flags say. */
  hasSecret: boolean;
}

/** The file read: its lines (items in order) and size. */
export interface BatchFile {
  path: string;
  lines: BatchLine[];
  bytes: number;
}

function checkLine(text: string, lineNumber: number): BatchLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { lineNumber, text, value: undefined, problem: 'not valid JSON', hasSecret: false };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { lineNumber, text, value, problem: 'not a JSON object (one create request a line)', hasSecret: false };
  }
  const hasSecret = 'databricks_client_secret' in value;
  const parsed = CreateSpecRequestSchema.safeParse(value);
  if (parsed.success) return { lineNumber, text, value, hasSecret };
  const problem = parsed.error.issues
    .map((issue) => (typeof issue.path[0] === 'string' ? `${issue.path[0]}: ${issue.message}` : issue.message))
    .join('; ');
  return { lineNumber, text, value, problem, hasSecret };
}

/** Reads and checks the file; throws {@link BadInputError} when it cannot be read or holds no request. */
export function readBatchFile(file: string): BatchFile {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (err) {
    throw new BadInputError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const lines: BatchLine[] = [];
  for (let start = 0, lineNumber = 1; start < content.length; lineNumber++) {
    const newline = content.indexOf(NEWLINE, start);
    const end = newline === -1 ? content.length : newline;
    const raw = content.subarray(start, end);
    const line = classifyLine(raw, raw.length, start === 0);
    if (line.kind === 'text') lines.push(checkLine(line.text, lineNumber));
    if (line.kind === 'tooLong') lines.push(tooLongLine(raw, lineNumber));
    start = end + 1;
  }
  if (lines.length === 0) throw new BadInputError(`${file} holds no request (one JSON object a line)`);
  return { path: file, lines, bytes: content.length };
}

/** A line the workers will not read (an `InvalidInput` item), inline or as a source alike. */
function tooLongLine(raw: Buffer, lineNumber: number): BatchLine {
  const problem = `longer than ${MAX_LINE_BYTES.toLocaleString('en')} bytes, the longest line the workers read`;
  return { lineNumber, text: raw.toString('utf8'), value: undefined, problem, hasSecret: false };
}

/** `line 7: generation_objectives: ...` for each bad line (the first `max`, then how many more). */
export function describeBadLines(file: BatchFile, max = 10): string | undefined {
  const bad = file.lines.filter((line) => line.problem !== undefined);
  if (bad.length === 0) return undefined;
  const shown = bad.slice(0, max).map((line) => `line ${line.lineNumber}: ${line.problem}`);
  const more = bad.length > max ? [`... and ${bad.length - max} more bad lines`] : [];
  return [`${file.path}: ${bad.length} invalid request${bad.length === 1 ? '' : 's'}`, ...shown, ...more].join('\n  ');
}

/** Whether the file travels inline as `requests`; else the workers read it as a `source` path. */
export function fitsInline(file: BatchFile): boolean {
  return file.lines.length <= BATCH_LIMITS.maxInlineRequests && file.bytes <= MAX_INLINE_BYTES;
}
