// Real HTTP against a running simulator, with just enough typing for assertions.
import { type RunningSimulator } from '../../src/simulator';

/** A decoded answer. `json` is undefined for non-JSON bodies. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Fields tests read from a spec object (every other field stays reachable by index). */
export interface SpecJson {
  id: string;
  name: string;
  status: string;
  created_at: string;
  updated_at: string;
  content_yaml: string | null;
  error: string | null;
  [field: string]: unknown;
}

export interface CallOptions {
  /** JSON-encoded unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  /** null sends no Authorization header; default: the simulator's key. */
  apiKey?: string | null;
}

/** Sends one request and reads the whole answer. */
export async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const apiKey = options.apiKey === undefined ? sim.apiKey : options.apiKey;
  if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, { method, headers, body });
  const text = await res.text();
  const isJson = res.headers.get('content-type')?.startsWith('application/json') ?? false;
  return { status: res.status, headers: res.headers, text, json: isJson ? (JSON.parse(text) as unknown) : undefined };
}

/** Creates a seedless spec and returns its id (asserting the 202). */
export async function createSeedless(sim: RunningSimulator, name: string): Promise<string> {
  const answer = await call(sim, 'POST', SPECS, { body: { name, generation_objectives: 'Short product reviews.' } });
  if (answer.status !== 202) throw new Error(`create ${name}: ${answer.status} ${answer.text}`);
  return (answer.json as { id: string }).id;
}

/** Reads one spec. */
export async function getSpec(sim: RunningSimulator, id: string, query = ''): Promise<SpecJson> {
  const answer = await call(sim, 'GET', `${SPECS}${id}/${query}`);
  if (answer.status !== 200) throw new Error(`get ${id}: ${answer.status} ${answer.text}`);
  return answer.json as SpecJson;
}

/** Waits until `check` passes (server-side 'close' events can trail the client's read by a tick). */
export async function eventually(check: () => void, timeoutMs = 1_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export const SPECS = '/api/dataframer/specs/';
export const HEALTH = '/api/dataframer/health/';
