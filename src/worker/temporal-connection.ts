import { readFile } from 'node:fs/promises';
import { Connection, type TLSConfig } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { WorkerConfigError } from './worker-config';

/** TLS settings from the environment; the paths are read only when connecting. */
export interface TemporalTlsSettings {
  /** PEM client certificate for mTLS (`TEMPORAL_TLS_CERT_PATH`); set together with `clientKeyPath`. */
  clientCertPath?: string;
  /** PEM client private key for mTLS (`TEMPORAL_TLS_KEY_PATH`). */
  clientKeyPath?: string;
  /** PEM CA that signs the server certificate (`TEMPORAL_TLS_CA_PATH`). @default the system roots */
  serverRootCaPath?: string;
  /** Name to verify the server certificate against (`TEMPORAL_TLS_SERVER_NAME`). @default the address's host */
  serverNameOverride?: string;
}

/** Where and how to reach Temporal, the worker's and the client's side alike. */
export interface TemporalConnectionConfig {
  /** `host:port` of the Temporal frontend. */
  address: string;
  namespace: string;
  /** Temporal Cloud API key, sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** TLS settings, or `false` for a plaintext connection. */
  tls: TemporalTlsSettings | false;
}

/** The options both kinds of connection take: `address`, `tls`, `apiKey`. */
export interface TemporalTransportOptions {
  address: string;
  tls: TLSConfig | false;
  apiKey?: string;
}

const VARIABLE_OF_PATH = {
  clientCertPath: 'TEMPORAL_TLS_CERT_PATH',
  clientKeyPath: 'TEMPORAL_TLS_KEY_PATH',
  serverRootCaPath: 'TEMPORAL_TLS_CA_PATH',
} as const;

type TlsFileSetting = keyof typeof VARIABLE_OF_PATH;

async function readTlsFiles(settings: TemporalTlsSettings): Promise<Partial<Record<TlsFileSetting, Buffer>>> {
  const problems: string[] = [];
  const contents: Partial<Record<TlsFileSetting, Buffer>> = {};
  for (const setting of Object.keys(VARIABLE_OF_PATH) as TlsFileSetting[]) {
    const path = settings[setting];
    if (path === undefined) continue;
    try {
      contents[setting] = await readFile(path);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? String(err);
      problems.push(
        `${VARIABLE_OF_PATH[setting]} names a file that cannot be read: ${JSON.stringify(path)} (${reason})`,
      );
    }
  }
  if (problems.length > 0) throw new WorkerConfigError(problems);
  return contents;
}

/**
 * Builds the transport options common to the worker's and the client's connection, reading the TLS
 * files. Throws a {@link WorkerConfigError} naming each variable whose file cannot be read.
 */
export async function buildTemporalTransportOptions(
  config: TemporalConnectionConfig,
): Promise<TemporalTransportOptions> {
  const base = { address: config.address, ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }) };
  if (config.tls === false) return { ...base, tls: false };
  const files = await readTlsFiles(config.tls);
  const tls: TLSConfig = {
    ...(config.tls.serverNameOverride === undefined ? {} : { serverNameOverride: config.tls.serverNameOverride }),
    ...(files.serverRootCaPath === undefined ? {} : { serverRootCACertificate: files.serverRootCaPath }),
    ...(files.clientCertPath === undefined || files.clientKeyPath === undefined
      ? {}
      : { clientCertPair: { crt: files.clientCertPath, key: files.clientKeyPath } }),
  };
  return { ...base, tls };
}

/** The worker side: a `NativeConnection` for `Worker.create`. The caller closes it. */
export async function connectToTemporal(config: TemporalConnectionConfig): Promise<NativeConnection> {
  return NativeConnection.connect(await buildTemporalTransportOptions(config));
}

/** The client side: a `Connection` for `new Client({ connection, namespace })`. The caller closes it. */
export async function connectClient(config: TemporalConnectionConfig): Promise<Connection> {
  return Connection.connect(await buildTemporalTransportOptions(config));
}
