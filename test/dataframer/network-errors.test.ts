import assert from 'node:assert/strict';
import {
  ConnectionError,
  DataFramerClient,
  DataFramerError,
  InvalidResponseError,
  TimeoutError,
} from '../../src/dataframer';
import { TEST_API_KEY, rejectionOf, useScriptedClient } from './support/scripted-client';
import { ScriptedServer, chunkedBody, hang, json, resetSocket, text, truncatedBody } from './support/scripted-server';

const SPEC = { id: 'spec-1', status: 'PROCESSING' };

describe('DataFramer network failures', () => {
  const ctx = useScriptedClient({ headersTimeoutMs: 200, bodyTimeoutMs: 200, maxResponseBytes: 10 * 1024 });

  it('turns a socket the server resets into ConnectionError (retryable, no status)', async () => {
    ctx.server.reply(resetSocket);
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof ConnectionError, String(err));
    assert.equal(err.retryable, true);
    assert.equal(err.status, undefined);
    assert.match(err.message, /^DataFramer GET \/api\/dataframer\/specs\/spec-1\/ failed \(UND_ERR_SOCKET\): /);
  });

  it('turns a refused connection into ConnectionError', async () => {
    const gone = await ScriptedServer.start();
    await gone.close();
    const client = new DataFramerClient({ apiKey: TEST_API_KEY, baseUrl: gone.baseUrl });
    try {
      const err = await rejectionOf(client.getSpec('spec-1'));
      assert.ok(err instanceof ConnectionError, String(err));
      assert.match(err.message, /ECONNREFUSED/);
    } finally {
      await client.close();
    }
  });

  it('turns response headers that never come into TimeoutError after headersTimeoutMs', async () => {
    ctx.server.reply(hang);
    const started = Date.now();
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof TimeoutError, String(err));
    assert.equal(err.retryable, true);
    assert.match(err.message, /UND_ERR_HEADERS_TIMEOUT/);
    assert.ok(Date.now() - started < 2_000);
  });

  it('turns a body that stalls into TimeoutError after bodyTimeoutMs', async () => {
    ctx.server.reply((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":');
    });
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof TimeoutError, String(err));
    assert.match(err.message, /UND_ERR_BODY_TIMEOUT/);
  });

  // The socket closes before the announced length arrived: undici reports the transport failure
  // (UND_ERR_SOCKET) before anyone could parse, so it is a ConnectionError, not a body we misread.
  it('turns a body cut short (content-length lies, socket ends) into ConnectionError', async () => {
    ctx.server.reply(truncatedBody('{"id": "spec-1", "sta', 200));
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof ConnectionError, String(err));
    assert.match(err.message, /UND_ERR_SOCKET/);
  });

  // Here the HTTP exchange completed: the server sent exactly what it announced, and that is not
  // JSON. Nothing went wrong on the wire, so it is InvalidResponseError, with the excerpt kept.
  it('turns a complete but malformed JSON body into InvalidResponseError with an excerpt', async () => {
    ctx.server.reply(text(200, '{"id": "spec-1", "sta', { 'content-type': 'application/json' }));
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof InvalidResponseError, String(err));
    assert.equal(err.retryable, true);
    assert.equal(err.status, 200);
    assert.equal(err.body, '{"id": "spec-1", "sta');
    assert.match(err.message, /answered 200 with a body that is not JSON: /);
  });

  it("turns a proxy's HTML page answered with 200 into InvalidResponseError", async () => {
    ctx.server.reply(text(200, '<html><title>Login</title></html>', { 'content-type': 'text/html' }));
    assert.ok((await rejectionOf(ctx.client.getSpec('spec-1'))) instanceof InvalidResponseError);
  });

  it('turns a body that fails its schema into InvalidResponseError naming the field', async () => {
    ctx.server.reply(json(202, { status: 'PROCESSING' }), json(200, { id: 'x', status: 42 }));
    const created = await rejectionOf(ctx.client.createSpec({ name: 'n', generation_objectives: 'o' }));
    assert.ok(created instanceof InvalidResponseError);
    assert.match(created.message, /id: /);
    const got = await rejectionOf(ctx.client.getSpec('x'));
    assert.ok(got instanceof InvalidResponseError);
    assert.match(got.message, /status: /);
  });

  it('refuses an announced body over maxResponseBytes without reading it', async () => {
    ctx.server.reply(json(200, { ...SPEC, content_yaml: 'y'.repeat(20 * 1024) }), json(200, SPEC));
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof InvalidResponseError, String(err));
    assert.match(err.message, /over maxResponseBytes \(10240\)/);
    assert.equal((await ctx.client.getSpec('spec-1')).id, 'spec-1', 'the pool still works');
  });

  it('reads spec lists under maxListResponseBytes, not maxResponseBytes, and refuses one over it', async () => {
    const client = new DataFramerClient({
      apiKey: TEST_API_KEY,
      baseUrl: ctx.server.baseUrl,
      maxResponseBytes: 10 * 1024,
      maxListResponseBytes: 100 * 1024,
    });
    try {
      const summaries = (count: number) =>
        Array.from({ length: count }, (_, i) => ({ id: `spec-${i}`, name: `name ${i}`, description: 'x'.repeat(200) }));
      ctx.server.reply(json(200, summaries(200)), json(200, summaries(600)));
      assert.equal((await client.listSpecs()).length, 200, 'about 50 KiB: over maxResponseBytes, under the list cap');
      const err = await rejectionOf(client.listSpecs());
      assert.ok(err instanceof InvalidResponseError, String(err));
      assert.match(err.message, /over maxListResponseBytes \(102400\)/);
    } finally {
      await client.close();
    }
  });

  it('stops reading an unannounced (chunked) body once it passes maxResponseBytes', async () => {
    ctx.server.reply(chunkedBody(256 * 1024), json(200, SPEC));
    const err = await rejectionOf(ctx.client.getSpec('spec-1'));
    assert.ok(err instanceof InvalidResponseError, String(err));
    assert.match(err.message, /more than 10240 bytes/);
    assert.equal((await ctx.client.getSpec('spec-1')).id, 'spec-1', 'the pool still works');
  });

  it('rejects within 200 ms with the abort error when the caller aborts an in-flight request', async () => {
    const client = new DataFramerClient({ apiKey: TEST_API_KEY, baseUrl: ctx.server.baseUrl });
    ctx.server.reply(hang);
    const controller = new AbortController();
    const pending = rejectionOf(client.getSpec('spec-1', { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(ctx.server.requests.length, 1, 'the request was in flight');
    const abortedAt = Date.now();
    controller.abort();
    const err = await pending;
    assert.ok(Date.now() - abortedAt < 200, `took ${Date.now() - abortedAt} ms`);
    assert.ok(err instanceof Error && err.name === 'AbortError', String(err));
    assert.ok(!(err instanceof DataFramerError), 'cancellation is not a failure to classify');
    await client.close();
  });

  it('rejects at once with the signal reason when the signal is already aborted', async () => {
    const reason = new Error('workflow cancelled');
    const err = await rejectionOf(ctx.client.getSpec('spec-1', { signal: AbortSignal.abort(reason) }));
    assert.equal(err, reason);
  });
});
