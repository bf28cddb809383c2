// Every simulator option and its default live here, resolved once by resolveSimulatorOptions.
import { randomBytes } from 'node:crypto';
import { parseFaultPlan, type FaultPlan } from './fault-plan';
import type { FailureWindow, OutageWindow } from './operator-faults';

/**
 * When a PROCESSING spec becomes terminal (SUCCEEDED, or FAILED when its name matches
 * `failNamesMatching`). Evaluated lazily whenever the spec is read; either rule suffices.
 */
export interface CompletionPolicy {
  /** Terminal once the simulator's clock reaches created_at + afterMs. */
  afterMs?: number;
  /** The first `afterReads` GETs of the spec answer PROCESSING; the next one answers its terminal status. */
  afterReads?: number;
  /**
   * Only `control.complete` / `control.fail` end a spec; `afterMs` and `afterReads` are ignored.
   * @default false
   */
  manual?: boolean;
}

// --- Adoption strictness: a list that lags behind creates, and a DataFramer clock that disagrees. ---

/** When a created spec starts to show in `GET /specs/` (both rules must hold; reads by id see it at once). */
export interface ListLag {
  /** Listed once the simulator's clock reaches its creation + afterMs. @default 0 */
  afterMs?: number;
  /** Listed only by the list calls after the first `afterListCalls` ones made since its creation. @default 0 */
  afterListCalls?: number;
}

/** The adoption-strictness options (set at start, or changed through the control API). */
export interface AdoptionStrictnessOptions {
  /** A created spec shows in the list only after this lag. @default undefined (listed at once) */
  listLag?: ListLag;
  /**
   * DataFramer's clock runs this far ahead of `clock` (negative: behind): `created_at`, `updated_at`
   * and the `Date` header of every answer follow it, as one server with a wrong clock would. @default 0
   */
  clockSkewMs?: number;
}

/** The adoption-strictness options with their defaults filled in. */
export interface ResolvedAdoptionStrictness {
  listLag: Required<ListLag>;
  clockSkewMs: number;
}

/** Checks the adoption-strictness options; throws `SimulatorOptionsError`. */
export function resolveAdoptionStrictness(partial: AdoptionStrictnessOptions): ResolvedAdoptionStrictness {
  const listLag = { afterMs: partial.listLag?.afterMs ?? 0, afterListCalls: partial.listLag?.afterListCalls ?? 0 };
  requireNonNegative('listLag.afterMs', listLag.afterMs);
  requireNonNegative('listLag.afterListCalls', listLag.afterListCalls);
  const clockSkewMs = partial.clockSkewMs ?? 0;
  if (!Number.isFinite(clockSkewMs)) throw new SimulatorOptionsError(`invalid clockSkewMs ${clockSkewMs}`);
  return { listLag, clockSkewMs };
}

/** Options of `startSimulator`. */
export interface SimulatorOptions extends AdoptionStrictnessOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free ephemeral port. @default 0 */
  port?: number;
  /** The only bearer key accepted. @default a random `sim_...` key */
  apiKey?: string;
  /** Used as given (not merged with the default), so `{ afterReads: 2 }` disables the time rule. @default { afterMs: 5_000 } */
  completion?: CompletionPolicy;
  /** Faults drawn per request. @default {} (no faults) */
  faults?: FaultPlan;
  /** Seed of the PRNG that draws faults. @default 1 */
  seed?: number;
  /** SUCCEEDED specs keep their YAML "in the customer's data plane": `content_yaml: null` plus a reason and an s3 location. @default false */
  dataPlane?: boolean;
  /** SUCCEEDED specs carry YAML of exactly this many bytes (padded with comments), e.g. 3_000_000 for a spec larger than Temporal's 2 MB payload limit. @default undefined (the natural size, under 1 KB) */
  specYamlBytes?: number;
  /** Regular expression (source text); specs whose name matches end FAILED instead of SUCCEEDED. @default undefined (none fail) */
  failNamesMatching?: string;
  /** Known dataset ids; a seeded create naming another id answers 404. @default undefined (every dataset id exists) */
  datasets?: string[];
  /**
   * Evaluation objects (`GET /evaluations/{id}/`, the create answer) echo the model as `evaluation_model`.
   * SDK 0.19.2 types no such field, so by default they do not: a client then cannot tell two
   * evaluations of one run apart by model, the harder case. @default false
   */
  echoEvaluationModel?: boolean;
  /** Page size of `GET /specs/`; when set, the list answers DRF pages `{count, next, previous, results}`. @default undefined (bare array) */
  listPageSize?: number;
  /** Milliseconds since the epoch, for created_at and the `afterMs` rule. @default Date.now */
  clock?: () => number;
  // Operator-level failures (a rotated key, an outage): also switched on and off with
  // `control.rejectKeys` / `control.outage`.
  /** Every request answers 401 `Invalid token.` during this window, whatever key it carries. @default undefined (never) */
  rejectKeys?: FailureWindow;
  /** DataFramer is down during this window: every API request answers 503, or has its connection reset. @default undefined (never) */
  outage?: OutageWindow;
}

/** Options with every default filled in (the adoption-strictness ones can change while it runs). */
export interface ResolvedSimulatorOptions extends ResolvedAdoptionStrictness {
  host: string;
  port: number;
  apiKey: string;
  completion: CompletionPolicy;
  faults: FaultPlan;
  seed: number;
  dataPlane: boolean;
  echoEvaluationModel: boolean;
  specYamlBytes: number | undefined;
  failNamesMatching: RegExp | undefined;
  datasets: string[] | undefined;
  listPageSize: number | undefined;
  clock: () => number;
  rejectKeys: FailureWindow | undefined;
  outage: OutageWindow | undefined;
}

/** Completion used when `completion` is omitted. */
export const DEFAULT_COMPLETION: Readonly<CompletionPolicy> = Object.freeze({ afterMs: 5_000 });

/** Thrown when an option is out of range. */
export class SimulatorOptionsError extends Error {
  override name = 'SimulatorOptionsError';
}

/** Fills documented defaults and rejects impossible values. */
export function resolveSimulatorOptions(partial: SimulatorOptions = {}): ResolvedSimulatorOptions {
  const port = partial.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new SimulatorOptionsError(`invalid port ${port}`);
  const completion = { ...(partial.completion ?? DEFAULT_COMPLETION) };
  requireNonNegative('completion.afterMs', completion.afterMs);
  requireNonNegative('completion.afterReads', completion.afterReads);
  const seed = partial.seed ?? 1;
  if (!Number.isFinite(seed)) throw new SimulatorOptionsError(`invalid seed ${seed}`);
  const listPageSize = partial.listPageSize;
  if (listPageSize !== undefined && (!Number.isInteger(listPageSize) || listPageSize < 1)) {
    throw new SimulatorOptionsError(`invalid listPageSize ${listPageSize}`);
  }
  return {
    host: partial.host ?? '127.0.0.1',
    port,
    apiKey: partial.apiKey ?? `sim_${randomBytes(18).toString('base64url')}`,
    completion,
    faults: parseFaultPlan(partial.faults ?? {}),
    seed,
    dataPlane: partial.dataPlane ?? false,
    echoEvaluationModel: partial.echoEvaluationModel ?? false,
    specYamlBytes: positiveInteger('specYamlBytes', partial.specYamlBytes),
    failNamesMatching: compilePattern(partial.failNamesMatching),
    datasets: partial.datasets?.map((id) => id.toLowerCase()),
    listPageSize,
    clock: partial.clock ?? Date.now,
    ...resolveAdoptionStrictness(partial),
    rejectKeys: checkWindow('rejectKeys', partial.rejectKeys),
    outage: checkWindow('outage', partial.outage),
  };
}

function checkWindow<W extends FailureWindow>(name: string, window: W | undefined): W | undefined {
  if (window === undefined) return undefined;
  requireNonNegative(`${name}.startAfterMs`, window.startAfterMs);
  if (!(window.durationMs > 0)) throw new SimulatorOptionsError(`invalid ${name}.durationMs ${window.durationMs}`);
  const mode = (window as OutageWindow).mode;
  if (mode !== undefined && mode !== '503' && mode !== 'reset')
    throw new SimulatorOptionsError(`invalid ${name}.mode ${String(mode)}`);
  return { ...window };
}

function positiveInteger(name: string, value: number | undefined): number | undefined {
  if (value !== undefined && !(Number.isInteger(value) && value > 0))
    throw new SimulatorOptionsError(`invalid ${name} ${value}`);
  return value;
}

function requireNonNegative(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new SimulatorOptionsError(`invalid ${name} ${value}`);
  }
}

function compilePattern(source: string | undefined): RegExp | undefined {
  if (source === undefined) return undefined;
  try {
    return new RegExp(source);
  } catch (err) {
    throw new SimulatorOptionsError(`invalid failNamesMatching pattern: ${(err as Error).message}`);
  }
}
