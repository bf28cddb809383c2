import type { NativeConnection } from '@temporalio/worker';

/**
 * The oldest Temporal server the default polling design works on as designed. `activity-retry` waits
 * between reads through `nextRetryDelay`, which the server honours from 1.25 on (by the server's
 * source); 1.24 caps it at the retry policy's maximum interval (10 s: a read every 10 s instead of the
 * schedule, and a 429's Retry-After cut to 10 s). The timer designs work on older servers.
 */
export const MIN_TEMPORAL_SERVER_VERSION = '1.25.0';

/** What a worker learned about its Temporal server at start. */
export interface ServerVersionCheck {
  /** As the server reported it (`GetSystemInfo`), or undefined when it did not say. */
  serverVersion: string | undefined;
  /** False when older than {@link MIN_TEMPORAL_SERVER_VERSION}; undefined when it could not be told. */
  supported: boolean | undefined;
  /** One line for the worker's log. */
  message: string;
}

/** Thrown by `createWorker({ onOldServer: 'fail' })` on a server older than the minimum. */
export class TemporalServerTooOldError extends Error {
  override name = 'TemporalServerTooOldError';
}

function parseVersion(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

function atLeast(version: [number, number, number], minimum: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== minimum[i]) return version[i]! > minimum[i]!;
  return true;
}

/** Judges a reported server version against {@link MIN_TEMPORAL_SERVER_VERSION}. */
export function checkServerVersion(serverVersion: string | undefined): ServerVersionCheck {
  const parsed = serverVersion === undefined || serverVersion === '' ? undefined : parseVersion(serverVersion);
  if (parsed === undefined) {
    return {
      serverVersion: serverVersion || undefined,
      supported: undefined,
      message:
        `Temporal server version unknown (${serverVersion ? `"${serverVersion}"` : 'not reported'}): the default ` +
        `polling design needs ${MIN_TEMPORAL_SERVER_VERSION} or later; on an older server use pollingDesign: 'timer-activity'`,
    };
  }
  if (atLeast(parsed, parseVersion(MIN_TEMPORAL_SERVER_VERSION)!)) {
    return { serverVersion, supported: true, message: `Temporal server ${serverVersion}` };
  }
  return {
    serverVersion,
    supported: false,
    message:
      `Temporal server ${serverVersion} is older than ${MIN_TEMPORAL_SERVER_VERSION}: it does not honour nextRetryDelay, so ` +
      `the default polling design ('activity-retry') reads every spec every 10 s and cuts a 429's Retry-After to 10 s. ` +
      `Upgrade the server, or start workflows with pollingDesign: 'timer-activity'.`,
  };
}

/** Asks the server its version; undefined when it will not say (the check must never stop a worker by itself). */
export async function readServerVersion(connection: NativeConnection): Promise<string | undefined> {
  try {
    const { serverVersion } = await connection.workflowService.getSystemInfo({});
    return serverVersion || undefined;
  } catch {
    return undefined;
  }
}
