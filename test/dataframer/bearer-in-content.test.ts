import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataFramerClient } from '../../src/dataframer';

describe('DataFramer client: successful bodies keep their content', function () {
  let server: Server;
  let client: DataFramerClient;
  const yaml = 'auth:\n  header: "Authorization: Bearer <token>"\n';

  before(async function () {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ id: 'a', status: 'SUCCEEDED', content_yaml: yaml, runtime_params: { key: 'sk-123-secret' } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DataFramerClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sk-123-secret' });
  });
  after(async function () {
    await client.close();
    server.close();
  });

  it('scrubs the API key but leaves a spec YAML that mentions "Bearer" untouched', async function () {
    const spec = await client.getSpec('a');
    assert.equal(spec.content_yaml, yaml);
    assert.equal(JSON.stringify(spec.runtime_params).includes('sk-123-secret'), false);
  });
});
