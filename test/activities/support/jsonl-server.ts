// A JSONL file server on loopback that behaves as real servers do, one misbehaviour at a time:
// redirects, ignoring Range, short ranges, a wrong Content-Range, a connection closed early, a slow
// stream, and a file that changes (size, ETag) between requests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the server answers; every field can be changed between requests. */
export interface JsonlServerBehaviour {
  /** The file's content now. */
  body: Buffer;
  /** ETag sent with every answer (none when undefined). */
  etag?: string;
  /** Answer 206 to a Range request; false: 200 with the whole file, as some static servers do. */
  ranges: boolean;
  /** At most this many bytes per 206 (a server may send less than asked; Content-Range says so). */
  maxRangeBytes?: number;
  /** Answer every Range request with a Content-Range starting at byte 0, whatever was asked. */
  wrongContentRange?: boolean;
  /** Send this many bytes of the body, then destroy the socket (its Content-Length promised more). */
  closeAfterBytes?: number;
  /** Stream the body at about this pace (in 16 KB chunks). */
  bytesPerSecond?: number;
}

/** A running server: `url(path)` of its file, the requests it saw, and its behaviour to change. */
export interface JsonlServer {
  behaviour: JsonlServerBehaviour;
  /** The file's URL; `/redirect/<n>/file.jsonl` answers n redirects (302, 301, 307, 308 in turn) first. */
  url: (path?: string) => string;
  /** The Range header of each request for the file ('' when none), in order. */
  ranges: string[];
  close: () => Promise<void>;
}

const REDIRECT_CODES = [302, 301, 307, 308];
const CHUNK = 16 * 1024;

async function send(res: ServerResponse, bytes: Buffer, behaviour: JsonlServerBehaviour): Promise<void> {
  const limit = Math.min(bytes.length, behaviour.closeAfterBytes ?? bytes.length);
  for (let sent = 0; sent < limit; sent += CHUNK) {
    if (res.destroyed) return;
    res.write(bytes.subarray(sent, Math.min(limit, sent + CHUNK)));
    if (behaviour.bytesPerSecond !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, (CHUNK / behaviour.bytesPerSecond!) * 1000));
    }
  }
  if (limit < bytes.length) res.destroy();
  else res.end();
}

function answerFile(req: IncomingMessage, res: ServerResponse, behaviour: JsonlServerBehaviour): Promise<void> {
  const { body } = behaviour;
  const headers: Record<string, string> = { 'content-type': 'application/x-ndjson' };
  if (behaviour.etag !== undefined) headers.etag = behaviour.etag;
  const match = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!behaviour.ranges || !match) {
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    return send(res, body, behaviour);
  }
  const start = Number(match[1]);
  if (start >= body.length) {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${body.length}` }).end();
    return Promise.resolve();
  }
  let end = Math.min(body.length - 1, match[2] === '' ? body.length - 1 : Number(match[2]));
  if (behaviour.maxRangeBytes !== undefined) end = Math.min(end, start + behaviour.maxRangeBytes - 1);
  const from = behaviour.wrongContentRange ? 0 : start;
  const to = behaviour.wrongContentRange ? end - start : end;
  const part = body.subarray(from, to + 1);
  res.writeHead(206, {
    ...headers,
    'content-range': `bytes ${from}-${to}/${body.length}`,
    'content-length': String(part.length),
  });
  return send(res, part, behaviour);
}

/** Starts the server on 127.0.0.1 with `behaviour`. */
export async function startJsonlServer(behaviour: JsonlServerBehaviour): Promise<JsonlServer> {
  const ranges: string[] = [];
  const server = createServer((req, res) => {
    const redirect = /^\/redirect\/(\d+)\/(.*)$/.exec(req.url ?? '');
    if (redirect) {
      const left = Number(redirect[1]);
      const next = left <= 1 ? `/${redirect[2]}` : `/redirect/${left - 1}/${redirect[2]}`;
      // Relative and absolute locations both occur in the wild.
      const location = left % 2 === 0 ? next : `http://127.0.0.1:${(server.address() as AddressInfo).port}${next}`;
      return void res.writeHead(REDIRECT_CODES[left % REDIRECT_CODES.length]!, { location }).end();
    }
    if (req.url !== '/file.jsonl') return void res.writeHead(404).end();
    ranges.push(req.headers.range ?? '');
    void answerFile(req, res, server.behaviour);
  }) as ReturnType<typeof createServer> & { behaviour: JsonlServerBehaviour };
  server.behaviour = behaviour;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get behaviour() {
      return server.behaviour;
    },
    set behaviour(next) {
      server.behaviour = next;
    },
    url: (path = '/file.jsonl') => `${base}${path}`,
    ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
