// What the demo runs against (embedded or yours, read from the environment) and how (typed options
// with documented defaults, one resolver).
import type { PollSchedule } from '../common/poll-schedule';
import type { FaultProfileName } from '../simulator';
import { parseHttpUrl, parseSecretToken, type Problems } from '../worker/env-parsers';
import type { TemporalConnectionConfig } from '../worker/temporal-connection';
import { loadTemporalClientConfig } from '../worker/worker-config';

/** Options of the demo; every field is optional. */
export interface DemoOptions {
  /** Seedless specs to create. @default 3 */
  seedlessCount?: number;
  /** Seeded specs to create (embedded simulator, or with `DATAFRAMER_DEMO_DATASET_IDS`). @default 2 */
  seededCount?: number;
  /** Embedded simulator: a spec succeeds once read this long after its creation. @default 6_000 */
  completionAfterMs?: number;
  /** Embedded simulator: the fault plan it draws from. @default 'mild' */
  faultProfile?: FaultProfileName;
  /** Embedded simulator: seed of its fault PRNG. @default random, printed */
  faultSeed?: number;
  /**
   * When the workflows read the status. @default 1 s growing to 3 s on the simulator (its specs take
   * seconds); 5 s growing to 30 s on a real API (generations take minutes)
   */
  poll?: PollSchedule;
  /** Each workflow gives up after this long (a Temporal duration string). @default '30 minutes' */
  deadline?: string;
  /** How often the progress display asks each workflow where it stands. @default 400 */
  progressIntervalMs?: number;
  /** On interrupt: how long cancelled workflows may take (deleting their spec) before being terminated. @default 5_000 */
  cancelWaitMs?: number;
  /** How long the in-process worker lets running activities finish when it stops. @default '3 seconds' */
  shutdownGraceTime?: string;
}

/** {@link DemoOptions} with every default filled in. */
export type ResolvedDemoOptions = Required<DemoOptions>;

/** The poll schedule on the embedded simulator: its specs finish in seconds. */
export const SIMULATOR_POLL_SCHEDULE = { initialInterval: '1 second', maximumInterval: '3 seconds' } as const;

/** The poll schedule on a real DataFramer API: generations take minutes, so fewer, slower reads. */
export const REAL_API_POLL_SCHEDULE = { initialInterval: '5 seconds', maximumInterval: '30 seconds' } as const;

/** Fills the documented defaults of {@link DemoOptions}; the poll schedule depends on the DataFramer target. */
export function resolveDemoOptions(options: DemoOptions, dataframer: DataFramerTarget): ResolvedDemoOptions {
  return {
    seedlessCount: options.seedlessCount ?? 3,
    seededCount: options.seededCount ?? 2,
    completionAfterMs: options.completionAfterMs ?? 6_000,
    faultProfile: options.faultProfile ?? 'mild',
    faultSeed: options.faultSeed ?? Math.floor(Math.random() * 1_000_000),
    poll: options.poll ?? (dataframer.kind === 'embedded' ? SIMULATOR_POLL_SCHEDULE : REAL_API_POLL_SCHEDULE),
    deadline: options.deadline ?? '30 minutes',
    progressIntervalMs: options.progressIntervalMs ?? 400,
    cancelWaitMs: options.cancelWaitMs ?? 5_000,
    shutdownGraceTime: options.shutdownGraceTime ?? '3 seconds',
  };
}

/** Temporal: a dev server the demo starts and stops, or the server at `TEMPORAL_ADDRESS`. */
export type TemporalTarget = { kind: 'embedded' } | { kind: 'external'; connection: TemporalConnectionConfig };

/** DataFramer: a simulator the demo starts and stops, or the API at `DATAFRAMER_BASE_URL`. */
export type DataFramerTarget = { kind: 'embedded' } | { kind: 'external'; apiKey: string; baseUrl: string };

/** What the demo runs against, from the environment. */
export interface DemoEnvironment {
  temporal: TemporalTarget;
  dataframer: DataFramerTarget;
  /** Dataset ids for the seeded specs on a real API (`DATAFRAMER_DEMO_DATASET_IDS`, comma-separated). */
  datasetIds: string[];
}

/** The environment asks for something impossible; the message has no secret. */
export class DemoConfigError extends Error {
  override readonly name = 'DemoConfigError';
}

const read = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

function loadDataFramerTarget(env: NodeJS.ProcessEnv, problems: Problems): DataFramerTarget {
  const rawKey = read(env, 'DATAFRAMER_API_KEY');
  const rawUrl = read(env, 'DATAFRAMER_BASE_URL');
  if (rawKey === undefined && rawUrl === undefined) return { kind: 'embedded' };
  if (rawKey === undefined || rawUrl === undefined) {
    const missing = rawKey === undefined ? 'DATAFRAMER_API_KEY' : 'DATAFRAMER_BASE_URL';
    throw new DemoConfigError(
      `DATAFRAMER_API_KEY and DATAFRAMER_BASE_URL go together: set both to use a real DataFramer API, ` +
        `or neither for the embedded simulator (${missing} is missing)`,
    );
  }
  const apiKey = parseSecretToken('DATAFRAMER_API_KEY', rawKey, problems) ?? '';
  const baseUrl = parseHttpUrl('DATAFRAMER_BASE_URL', rawUrl, problems) ?? '';
  return { kind: 'external', apiKey, baseUrl };
}

// Temporal's variables (address, namespace, TLS, API key) are read exactly as the worker reads them.
function loadTemporalTarget(env: NodeJS.ProcessEnv): TemporalTarget {
  if (read(env, 'TEMPORAL_ADDRESS') === undefined) return { kind: 'embedded' };
  return { kind: 'external', connection: loadTemporalClientConfig(env).temporal };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function loadDatasetIds(env: NodeJS.ProcessEnv, problems: Problems): string[] {
  const ids = (read(env, 'DATAFRAMER_DEMO_DATASET_IDS') ?? '').split(',').map((id) => id.trim());
  const given = ids.filter((id) => id !== '');
  const bad = given.filter((id) => !UUID.test(id));
  if (bad.length > 0) problems.push(`DATAFRAMER_DEMO_DATASET_IDS must be comma-separated UUIDs, got ${bad.join(', ')}`);
  return given;
}

/**
 * Reads which parts the demo embeds: Temporal unless `TEMPORAL_ADDRESS` is set, DataFramer unless
 * both `DATAFRAMER_API_KEY` and `DATAFRAMER_BASE_URL` are. Throws a {@link DemoConfigError} (or the
 * worker's `WorkerConfigError` for Temporal's variables) listing what is wrong.
 */
export function loadDemoEnvironment(env: NodeJS.ProcessEnv): DemoEnvironment {
  const problems: Problems = [];
  const dataframer = loadDataFramerTarget(env, problems);
  const datasetIds = loadDatasetIds(env, problems);
  if (problems.length > 0) throw new DemoConfigError(problems.join('; '));
  return { temporal: loadTemporalTarget(env), dataframer, datasetIds };
}
