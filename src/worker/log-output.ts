import { inspect } from 'node:util';
import type { LogEntry } from '@temporalio/worker';
import { redact, redactJson } from '../dataframer/redact';

/** How log lines look: one JSON object a line (for collectors), or text for a person at a terminal. */
export type LogFormat = 'json' | 'text';

/** JSON lines unless the stream is a terminal. */
export function defaultLogFormat(stream: NodeJS.WriteStream = process.stdout): LogFormat {
  return stream.isTTY ? 'text' : 'json';
}

/**
 * Every form a secret may take in a log line: `redact` covers plain, JSON-escaped and URL-encoded;
 * base64 (an `Authorization: Basic` header, a decoded-then-logged blob) is added here.
 */
export function logSecretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    forms.add(secret);
    const bytes = Buffer.from(secret, 'utf8');
    forms.add(bytes.toString('base64'));
    forms.add(bytes.toString('base64').replace(/=+$/, ''));
    forms.add(bytes.toString('base64url'));
  }
  return [...forms];
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item));
  } catch {
    return JSON.stringify({ unserializable: inspect(value, { depth: 2 }) });
  }
}

/**
 * A log function for the SDK's `DefaultLogger` that writes one line per entry with every secret
 * redacted: a JSON object with `time`, `level`, `message` and the entry's metadata (the SDK adds
 * workflow id, run id, activity type and attempt; our calls add the spec id), or text on a terminal.
 */
export function createLogWriter(options: {
  secrets: readonly string[];
  format: LogFormat;
  write?: (line: string) => void;
}): (entry: LogEntry) => void {
  const forms = logSecretForms(options.secrets);
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  return (entry) => {
    const time = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
    const meta = redactJson(JSON.parse(safeJson(entry.meta ?? {})) as unknown, forms) as Record<string, unknown>;
    const message = redact(entry.message, forms);
    if (options.format === 'json') {
      write(`${safeJson({ time, level: entry.level, message, ...meta })}\n`);
    } else {
      const fields = Object.keys(meta).length === 0 ? '' : ` ${safeJson(meta)}`;
      write(`${time} [${entry.level}] ${message}${fields}\n`);
    }
  };
}
