// Reading requests and writing answers on node:http, nothing more.
import { type IncomingMessage, type ServerResponse } from 'node:http';

/** An answer to write: JSON, HTML, or no body (`json` and `html` both absent). */
export interface SimResponse {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** An answer, or the instruction to destroy the socket without one. */
export type Outcome = SimResponse | { drop: true };

/** Largest request body read; bigger ones answer 400. */
export const MAX_BODY_BYTES = 1_048_576;

/** Builds a JSON answer. */
export function jsonResponse(status: number, json: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json, ...(headers && { headers }) };
}

/** Builds a DRF-style `{ "detail": ... }` answer. */
export function detail(status: number, message: string, headers?: Record<string, string>): SimResponse {
  return jsonResponse(status, { detail: message }, headers);
}

/** Writes an answer, or destroys the socket for a drop. */
export function writeOutcome(res: ServerResponse, outcome: Outcome): void {
  if ('drop' in outcome) {
    res.socket?.destroy();
    return;
  }
  const headers: Record<string, string> = { ...outcome.headers };
  let body: string | undefined;
  if (outcome.html !== undefined) {
    headers['content-type'] = 'text/html; charset=utf-8';
    body = outcome.html;
  } else if (outcome.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(outcome.json);
  }
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(outcome.status, headers);
  res.end(body);
}

/** Reads the whole body as UTF-8; undefined when it exceeds `MAX_BODY_BYTES`. */
export async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON body the way DRF does: an empty body is an empty object. */
export function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false; response: SimResponse } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, response: detail(400, `JSON parse error - ${(err as Error).message}`) };
  }
}
