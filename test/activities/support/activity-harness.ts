// What the activity tests share: a MockActivityEnvironment whose logger keeps every line, a way to
// get the failure an activity throws, and a simulator with a client and activities on it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import type { Info } from '@temporalio/activity';
import { ApplicationFailure, type LogLevel, type LogMetadata, type Logger } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities, type ActivityDependencies, type DataFramerActivities } from '../../../src/activities';
import { DataFramerClient, type DataFramerClientOptions } from '../../../src/dataframer';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../../src/simulator';
import { rejectionOf } from '../../support/rejection';

export { rejectionOf };

/** One captured log line. */
export interface LogLine {
  level: LogLevel;
  message: string;
  meta: LogMetadata | undefined;
}

/** A Temporal logger that keeps every line, at every level, for assertions. */
export class CapturingLogger implements Logger {
  readonly lines: LogLine[] = [];

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    this.lines.push({ level, message, meta });
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }

  /** Every line as text, metadata included (errors with their message and stack). */
  texts(): string[] {
    return this.lines.map((line) => `${line.level} ${line.message} ${inspect(line.meta, { depth: 10 })}`);
  }
}

/** A mock activity environment with a capturing logger; `info` overrides the SDK's test defaults. */
export function activityEnv(info: Partial<Info> = {}, logger = new CapturingLogger()) {
  const env = new MockActivityEnvironment({ scheduledTimestampMs: Date.now(), ...info }, { logger });
  return { env, logger };
}

/** The ApplicationFailure an activity call rejects with; fails the test otherwise. */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await rejectionOf(promise);
  assert.ok(err instanceof ApplicationFailure, `expected an ApplicationFailure, got ${inspect(err)}`);
  return err;
}

/** A simulator, a client on it and the activities built on that client. */
export interface SimulatedWorld {
  simulator: RunningSimulator;
  client: DataFramerClient;
  activities: DataFramerActivities;
  close(): Promise<void>;
}

/** Starts a simulator (specs end only when told, by default) with a client and activities on it. */
export async function startWorld(
  options: {
    simulator?: SimulatorOptions;
    activities?: Omit<ActivityDependencies, 'client'>;
    client?: Partial<DataFramerClientOptions>;
  } = {},
): Promise<SimulatedWorld> {
  const simulator = await startSimulator({ completion: { manual: true }, ...options.simulator });
  const client = new DataFramerClient({ baseUrl: simulator.url, apiKey: simulator.apiKey, ...options.client });
  const activities = createActivities({ client, ...options.activities });
  return {
    simulator,
    client,
    activities,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

/** A valid seedless request with a unique name. */
export function seedless(prefix: string): { name: string; generation_objectives: string } {
  return { name: `${prefix}-${randomUUID()}`, generation_objectives: 'Realistic product reviews of varied sentiment' };
}

/** Polls `condition` every 10 ms until it holds or `timeoutMs` passes. */
export async function eventually(condition: () => boolean, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return condition();
}

/** Runs `work` in the activity context of `env` (typed, unlike `env.run`). */
export function inActivity<R>(env: MockActivityEnvironment, work: () => Promise<R>): Promise<R> {
  return env.run<[], R, () => Promise<R>>(work);
}

/** Runs `work` as one activity attempt described by `info`, logging into `logger` when given. */
export function inAttempt<R>(info: Partial<Info>, work: () => Promise<R>, logger?: CapturingLogger): Promise<R> {
  return inActivity(activityEnv(info, logger).env, work);
}
