// Mocha hooks that give a test file one scripted loopback server and one client pointed at it.
import { DataFramerClient, type DataFramerClientOptions } from '../../../src/dataframer';
import { ScriptedServer } from './scripted-server';
import { rejectionOf } from '../../support/rejection';

export { rejectionOf };

/** The API key every loopback client uses. */
export const TEST_API_KEY = 'sk-test-SECRET-123';

/** Server and client of one test file, set by its `before` hook. */
export interface ScriptedClientContext {
  server: ScriptedServer;
  client: DataFramerClient;
}

/** Registers hooks: server and client started once per file, replies and requests reset after each test. */
export function useScriptedClient(options: Partial<DataFramerClientOptions> = {}): ScriptedClientContext {
  const context = {} as ScriptedClientContext;
  before(async () => {
    context.server = await ScriptedServer.start();
    context.client = new DataFramerClient({ apiKey: TEST_API_KEY, baseUrl: context.server.baseUrl, ...options });
  });
  afterEach(() => context.server.reset());
  after(async () => {
    await context.client.close();
    await context.server.close();
  });
  return context;
}
