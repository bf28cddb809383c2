// The client side of the CLI: Temporal reached exactly as the worker reaches it (the same variables,
// parsers and TLS handling), with failures turned into exit code 2 (configuration) or 3 (unreachable).
import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import { buildTemporalTransportOptions } from '../worker/temporal-connection';
import { loadTemporalClientConfig, WorkerConfigError, type TemporalClientConfig } from '../worker/worker-config';
import { BadInputError, UnreachableError } from './exit-codes';

/** How long the CLI waits for Temporal to answer before exiting 3: long enough for a far region. */
export const TEMPORAL_CONNECT_TIMEOUT_MS = 5_000;

/** A connected client and the configuration it came from. */
export interface CliTemporal {
  client: Client;
  config: TemporalClientConfig;
  close(): Promise<void>;
}

/** The worker's configuration problems as one line, e.g. `TEMPORAL_ADDRESS must be host:port ...`. */
export function configProblemLine(err: WorkerConfigError): string {
  return `Invalid configuration: ${err.problems.join('; ')}`;
}

/** Reads the environment and connects; throws {@link BadInputError} or {@link UnreachableError}. */
export async function connectCliClient(env: NodeJS.ProcessEnv): Promise<CliTemporal> {
  let config: TemporalClientConfig;
  let connection: Connection;
  try {
    config = loadTemporalClientConfig(env);
    const transport = await buildTemporalTransportOptions(config.temporal);
    try {
      connection = await Connection.connect({ ...transport, connectTimeout: TEMPORAL_CONNECT_TIMEOUT_MS });
    } catch (err) {
      throw new UnreachableError(
        `Temporal is unreachable at ${config.temporal.address}: ${(err as Error).message} (set TEMPORAL_ADDRESS)`,
      );
    }
  } catch (err) {
    if (err instanceof WorkerConfigError) throw new BadInputError(configProblemLine(err));
    throw err;
  }
  const client = new Client({ connection, namespace: config.temporal.namespace });
  return { client, config, close: () => connection.close() };
}

// gRPC's UNAVAILABLE (14) and DEADLINE_EXCEEDED (4), by number: @grpc/grpc-js is the SDK's dependency, not ours.
const UNREACHABLE_GRPC_CODES = new Set<number>([14, 4]);

/** A Temporal call that failed because the server went away (or never answered): exit 3, not a crash. */
export function asUnreachable(err: unknown): UnreachableError | undefined {
  const cause = err instanceof Error && isGrpcServiceError(err.cause) ? err.cause : err;
  if (isGrpcServiceError(cause) && UNREACHABLE_GRPC_CODES.has(cause.code)) {
    return new UnreachableError(`Temporal stopped answering: ${cause.details || cause.message}`);
  }
  return undefined;
}
