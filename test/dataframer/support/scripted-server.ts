// A loopback HTTP server whose answers each test scripts, request by request: real sockets, real
// undici, no request mocking.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** What the server received. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers one request. */
export type Reply = (res: ServerResponse, req: ReceivedRequest) => void;

/** Server whose replies are queued by the test; unscripted requests get a 599 that names the request. */
export class ScriptedServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly queue: Reply[] = [];
  private fallback: Reply | undefined;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<ScriptedServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const scripted = new ScriptedServer(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const received = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        scripted.requests.push(received);
        scripted.nextReply()(res, received);
      });
    });
    return scripted;
  }

  /** Queues replies for the next requests, in order. */
  reply(...replies: Reply[]): this {
    this.queue.push(...replies);
    return this;
  }

  /** Answers every request past the queue with `reply`. */
  always(reply: Reply): this {
    this.fallback = reply;
    return this;
  }

  /** Forgets queued replies and received requests (between tests). */
  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
    this.fallback = undefined;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextReply(): Reply {
    return (
      this.queue.shift() ?? this.fallback ?? ((res, req) => sendText(res, 599, `unscripted ${req.method} ${req.url}`))
    );
  }
}

/** JSON body with a status and extra headers. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (res) => sendText(res, status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
}

/** Raw text body (HTML pages, malformed JSON, empty bodies). */
export function text(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return (res) => sendText(res, status, body, headers);
}

/** Never answers: for header timeouts and cancellation. */
export const hang: Reply = () => undefined;

/** Destroys the socket before any byte of the response: the client sees a reset. */
export const resetSocket: Reply = (res) => res.socket?.destroy();

/** Announces `declaredBytes` of JSON, sends `partial`, then closes the socket mid-body. */
export function truncatedBody(partial: string, declaredBytes: number): Reply {
  return (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(declaredBytes) });
    res.write(partial, () => res.socket?.end());
  };
}

/** Chunked body of `totalBytes`, to exceed a size cap without announcing it. */
export function chunkedBody(totalBytes: number): Reply {
  return (res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = 'x'.repeat(16 * 1024);
    for (let sent = 0; sent < totalBytes; sent += chunk.length) res.write(chunk);
    res.end();
  };
}

/** Echoes the request's Authorization header, headers and body back as JSON, as a careless proxy might. */
export function echoAuthorization(status: number, headers: Record<string, string> = {}): Reply {
  return (res, req) =>
    json(
      status,
      { detail: `bad token: ${req.headers.authorization ?? ''}`, headers: req.headers, body: req.body },
      headers,
    )(res, req);
}

function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}
