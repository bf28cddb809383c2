// Command-line flags of the simulator entrypoint → SimulatorOptions. Kept apart from cli.ts so the
// parsing is testable without spawning a process.
import { parseArgs } from 'node:util';
import { FAULT_PROFILES, FaultPlanError, parseFaultPlan, type FaultPlan } from './fault-plan';
import {
  resolveSimulatorOptions,
  SimulatorOptionsError,
  type AdoptionStrictnessOptions,
  type CompletionPolicy,
  type SimulatorOptions,
} from './options';

/** Port the CLI listens on when `--port` is absent. */
export const DEFAULT_CLI_PORT = 8787;

/** Printed by `--help`, for the command that ran it (`npm run simulator --`, `dataframer-temporal simulator`). */
export function simulatorUsage(invocation: string): string {
  return `Usage: ${invocation} [flags]
  --port N                    listen port (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host HOST                 listen address (default 127.0.0.1)
  --complete-after-ms N       specs end N ms after creation (default 5000 when no completion flag is given)
  --complete-after-reads N    specs end on the read after N status reads
  --manual-completion         specs end only through POST /_simulator/control/complete|fail/{idOrName}/
  --faults JSON               fault plan, e.g. '{"http500":0.05,"rateLimit":{"probability":0.1,"retryAfter":{"seconds":2}}}'
  --fault-profile NAME        ${Object.keys(FAULT_PROFILES).join(' | ')}
  --seed N                    fault PRNG seed (default 1)
  --data-plane                SUCCEEDED specs keep their YAML in the data plane (content_yaml null)
  --spec-yaml-bytes N         SUCCEEDED specs carry N bytes of YAML (e.g. 3000000)
  --fail-names-matching RE    specs whose name matches RE end FAILED
  --list-page-size N          GET /specs/, /runs/ and a run's evaluations answer DRF pages of N
  --datasets ID,ID            known dataset ids (default: every id exists)
  --list-lag-ms N             a created spec shows in GET /specs/ only N ms after its creation
  --list-lag-calls N          ... and only after N list calls made since its creation
  --clock-skew-ms=N           DataFramer's clock runs N ms ahead (negative: behind): created_at and Date
  --reject-keys START:MS      every key answers 401 for MS ms, START ms after the simulator starts
  --outage START:MS[:MODE]    DataFramer down for MS ms from START: MODE 503 (default) or reset
The API key comes from DATAFRAMER_API_KEY, else a random one is printed.`;
}

/** Printed by `npm run simulator -- --help`. */
export const CLI_USAGE = simulatorUsage('npm run simulator --');

/** What the entrypoint needs. */
export interface CliConfig {
  options: SimulatorOptions & { port: number; apiKey?: string };
  keyFromEnv: boolean;
}

/** A bad flag: the entrypoint prints the message (one line) and exits 2. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'complete-after-ms': { type: 'string' },
  'complete-after-reads': { type: 'string' },
  'manual-completion': { type: 'boolean' },
  faults: { type: 'string' },
  'fault-profile': { type: 'string' },
  seed: { type: 'string' },
  'data-plane': { type: 'boolean' },
  'spec-yaml-bytes': { type: 'string' },
  'fail-names-matching': { type: 'string' },
  'list-page-size': { type: 'string' },
  datasets: { type: 'string' },
  'list-lag-ms': { type: 'string' },
  'list-lag-calls': { type: 'string' },
  'clock-skew-ms': { type: 'string' },
  'reject-keys': { type: 'string' },
  outage: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses argv (without node and script) and the environment; 'help' when `--help` was asked. */
export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new CliUsageError(`simulator: ${(err as Error).message} (see --help)`);
  }
  if (values.help) return 'help';
  const apiKey = env.DATAFRAMER_API_KEY || undefined;
  const options: CliConfig['options'] = {
    port: integerFlag('port', values.port) ?? DEFAULT_CLI_PORT,
    host: values.host,
    apiKey,
    completion: completionFlags(values),
    faults: faultFlags(values.faults, values['fault-profile']),
    seed: integerFlag('seed', values.seed),
    dataPlane: values['data-plane'],
    specYamlBytes: integerFlag('spec-yaml-bytes', values['spec-yaml-bytes']),
    failNamesMatching: values['fail-names-matching'],
    listPageSize: integerFlag('list-page-size', values['list-page-size']),
    datasets: values.datasets?.split(',').filter((id) => id !== ''),
    ...adoptionStrictnessFlags(values),
    rejectKeys: windowFlag('reject-keys', values['reject-keys'], false),
    outage: windowFlag('outage', values.outage, true),
  };
  try {
    resolveSimulatorOptions(options);
  } catch (err) {
    if (err instanceof SimulatorOptionsError || err instanceof FaultPlanError)
      throw new CliUsageError(`simulator: ${err.message}`);
    throw err;
  }
  return { options, keyFromEnv: apiKey !== undefined };
}

function adoptionStrictnessFlags(values: Record<string, string | boolean | undefined>): AdoptionStrictnessOptions {
  const afterMs = integerFlag('list-lag-ms', values['list-lag-ms'] as string | undefined);
  const afterListCalls = integerFlag('list-lag-calls', values['list-lag-calls'] as string | undefined);
  const skew = values['clock-skew-ms'] as string | undefined;
  if (skew !== undefined && !/^-?\d+$/.test(skew))
    throw new CliUsageError(`simulator: --clock-skew-ms must be an integer, got "${skew}"`);
  const options: AdoptionStrictnessOptions = {};
  if (afterMs !== undefined || afterListCalls !== undefined) options.listLag = { afterMs, afterListCalls };
  if (skew !== undefined) options.clockSkewMs = Number(skew);
  return options;
}

function completionFlags(values: Record<string, string | boolean | undefined>): CompletionPolicy | undefined {
  const afterMs = integerFlag('complete-after-ms', values['complete-after-ms'] as string | undefined);
  const afterReads = integerFlag('complete-after-reads', values['complete-after-reads'] as string | undefined);
  const manual = values['manual-completion'] === true;
  if (afterMs === undefined && afterReads === undefined && !manual) return undefined;
  return { afterMs, afterReads, manual };
}

function faultFlags(json: string | undefined, profile: string | undefined): FaultPlan | undefined {
  if (json !== undefined && profile !== undefined)
    throw new CliUsageError('simulator: use --faults or --fault-profile, not both');
  if (profile !== undefined) {
    if (!Object.hasOwn(FAULT_PROFILES, profile)) {
      throw new CliUsageError(
        `simulator: unknown --fault-profile "${profile}" (one of ${Object.keys(FAULT_PROFILES).join(', ')})`,
      );
    }
    return FAULT_PROFILES[profile as keyof typeof FAULT_PROFILES];
  }
  if (json === undefined) return undefined;
  try {
    return parseFaultPlan(JSON.parse(json));
  } catch (err) {
    throw new CliUsageError(`simulator: --faults: ${(err as Error).message}`);
  }
}

function windowFlag(name: string, value: string | undefined, withMode: boolean) {
  if (value === undefined) return undefined;
  const match = (withMode ? /^(\d+):(\d+)(?::(503|reset))?$/ : /^(\d+):(\d+)$/).exec(value);
  if (!match) {
    throw new CliUsageError(
      `simulator: --${name} must be START_MS:DURATION_MS${withMode ? '[:503|reset]' : ''}, got "${value}"`,
    );
  }
  const window = { startAfterMs: Number(match[1]), durationMs: Number(match[2]) };
  return match[3] === undefined ? window : { ...window, mode: match[3] as '503' | 'reset' };
}

function integerFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new CliUsageError(`simulator: --${name} must be a non-negative integer, got "${value}"`);
  return Number(value);
}
