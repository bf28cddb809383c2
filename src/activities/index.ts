import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { validateCreateSpecRequest, NotFoundError, redactJson, type DataFramerClient } from '../dataframer';
import { createSpecOnce, type CreatedSpec } from './create-spec';
import type { CreateSpecContext, CreateSpecHeartbeat, IfNameExists } from './spec-adoption';
import { listDatabricksSecrets, withDatabricksSecret, type DatabricksSecrets } from './databricks-secrets';
import { whileHeartbeating } from './heartbeat';
import { toApplicationFailure } from './classify-failure';
import { MAX_SPEC_YAML_IN_HISTORY_BYTES } from '../common/payload-limits';
import { ApiHealth, isRejectedKey, isTransientApiError } from './api-health';
import { fitForHistory, readSpecStatus, type SpecStatusView } from './spec-status-view';
import { createJobActivities } from './job-activities';
import { createBatchActivities } from './read-batch-page';
import { getSucceededSpecWorkflow } from './succeeded-spec-workflow';
export { createBatchItemActivities, type BatchItemActivities, type CheckBatchItemsInput } from './check-batch-items';
import { createBatchItemActivities } from './check-batch-items';
import { recordCreated, recordFailure, recordStatusRead } from './activity-metrics';
import {
  readNumberOf,
  retryOnSchedule,
  stillProcessing,
  type AwaitSpecInput,
  type AwaitedSpecStatus,
} from './await-spec';

export type { CreatedSpec, DatabricksSecrets, SpecStatusView, AwaitSpecInput };
export type { CreateSpecContext, CreateSpecHeartbeat, IfNameExists, AdoptionReason } from './spec-adoption';
export type { FinalSpec } from './spec-status-view';
export type { SucceededSpecWorkflow } from './succeeded-spec-workflow';
export type { StillProcessingDetails, AwaitedSpecStatus } from './await-spec';
export { toApplicationFailure, UNEXPECTED_ERROR_TYPE } from './classify-failure';
export { listDatabricksSecrets } from './databricks-secrets';
export {
  ApiHealth,
  DATAFRAMER_METRICS,
  REJECTED_KEY_RETRY_DELAY_MS,
  REJECTED_KEY_LOG_INTERVAL_MS,
  type ApiHealthCounts,
  type RejectedKeyResource,
} from './api-health';
export type {
  CanceledRun,
  CreateJobOptions,
  CreatedJobAnswer,
  EvaluationStatusView,
  JobReadContext,
  RunStatusView,
} from './job-activities';
export type { JobStatusView } from './job-status-view';
export type { AwaitJobInput, AwaitedJobStatus, JobStillProcessingDetails } from './await-job';
export { jobReadDelayMs } from './await-job';
export { JOB_READERS, type JobKind, type JobReader } from './job-readers';
export { toJobStatusView } from './job-status-view';
export { CREATE_AMBIGUOUS_TYPE, CREATE_UNCONFIRMED_TYPE, type CreateJobRecord } from './create-job-once';
export {
  createBatchActivities,
  BATCH_SOURCE_UNREADABLE_TYPE,
  BATCH_SOURCE_CHANGED_TYPE,
  type BatchActivities,
  type BatchPage,
  type ReadBatchPageInput,
} from './read-batch-page';

/** Failure type of a 404 read within the grace period after creation: retried, unlike `NotFoundError`. */
export const SPEC_NOT_YET_VISIBLE_TYPE = 'SpecNotYetVisible';

/** What the activities need; the worker builds it from its configuration. */
export interface ActivityDependencies {
  client: DataFramerClient;
  /** Secrets for `databricks/` models, looked up by the request's client id. */
  databricksSecrets?: DatabricksSecrets;
  /**
   * Reads of a spec that answer 404 this soon after its creation are retried (the API may not list a
   * new spec at once); later 404s are permanent. @default 60_000
   */
  notFoundGraceMs?: number;
  /**
   * Tolerated difference between Temporal's clock and the worker's when a reset workflow adopts the
   * spec its earlier run made (DataFramer's own clock is read from its `Date` header, so it may be off
   * by any amount). NTP keeps real clocks far closer; a wider window risks adopting a same-name spec
   * made just before the workflow started. @default 30_000
   */
  clockSkewMs?: number;
  /**
   * Largest spec YAML (bytes) a status read returns into workflow history; a larger one is left out,
   * with its size, for `getSpecContent` to fetch. Keep it well under Temporal's payload limit.
   * @default MAX_SPEC_YAML_IN_HISTORY_BYTES (256 KiB)
   */
  maxYamlBytesInHistory?: number;
  /** Counts API failures (beside the metric meter) and rate-limits the rejected-key ERROR log. @default a new ApiHealth */
  health?: ApiHealth;
  /** Largest terminal run or evaluation a status view carries. @default MAX_FINAL_VIEW_BYTES (256 KiB) */
  maxFinalViewBytes?: number;
  /**
   * How long a run or evaluation POST that got no answer may take to be listed before a retry may
   * POST again (tests shorten it). @default CREATE_JOB_SETTLE_MS (90 s)
   */
  createSettleMs?: number;
}

/** Context of a status read, passed by the workflow. */
export interface StatusReadContext {
  /** When `createSpec` returned (epoch ms, by the worker's clock), for the 404 grace period. */
  createdAtMs?: number;
}

/** Builds the activities around a DataFramer client (dependency injection, as in Temporal's samples). */
export function createActivities(deps: ActivityDependencies) {
  const { client, databricksSecrets } = deps;
  const notFoundGraceMs = deps.notFoundGraceMs ?? 60_000;
  const clockSkewMs = deps.clockSkewMs ?? 30_000;
  const secrets = listDatabricksSecrets(databricksSecrets);
  const health = deps.health ?? new ApiHealth();
  const maxYamlBytes = deps.maxYamlBytesInHistory ?? MAX_SPEC_YAML_IN_HISTORY_BYTES;
  const fail = (err: unknown, extra: Record<string, unknown> = {}) => {
    const failure = toApplicationFailure(err, extra, secrets);
    recordFailure(failure);
    return failure;
  };

  async function guardedRead(specId: string, context: StatusReadContext, extra: Record<string, unknown>) {
    try {
      const signal = Context.current().cancellationSignal;
      recordStatusRead();
      const view = await whileHeartbeating(() => readSpecStatus(client, specId, signal));
      // A spec may echo the Databricks secret (runtime_params); the view goes into workflow history,
      // redacted first and then cut to what history holds.
      return fitForHistory(secrets.length === 0 ? view : (redactJson(view, secrets) as SpecStatusView), maxYamlBytes);
    } catch (err) {
      // The spec exists (createSpec made it): a refused key is the worker's configuration, which a
      // person fixes; the workflow keeps waiting rather than drop a spec that is being generated.
      if (isRejectedKey(err)) throw health.rejectedKey({ kind: 'spec', id: specId }, err, extra);
      if (isTransientApiError(err)) health.transient(Context.current().info.activityType, err.type);
      const young = context.createdAtMs !== undefined && Date.now() - context.createdAtMs < notFoundGraceMs;
      if (err instanceof NotFoundError && young) {
        const notVisible = ApplicationFailure.retryable(
          `Spec ${specId} is not visible yet (404 right after creation)`,
          SPEC_NOT_YET_VISIBLE_TYPE,
        );
        recordFailure(notVisible);
        throw notVisible;
      }
      throw fail(err, extra);
    }
  }

  return {
    ...createJobActivities({
      client,
      secrets,
      fail,
      health,
      notFoundGraceMs,
      clockSkewMs,
      ...(deps.maxFinalViewBytes !== undefined && { maxFinalViewBytes: deps.maxFinalViewBytes }),
      ...(deps.createSettleMs !== undefined && { createSettleMs: deps.createSettleMs }),
    }),

    ...createBatchActivities(),
    getSucceededSpecWorkflow,
    ...createBatchItemActivities(),
    /** Validates the request, adds the worker-held Databricks secret, and creates the spec at most once. */
    async createSpec(request: unknown, workflow?: CreateSpecContext): Promise<CreatedSpec & { createdAtMs: number }> {
      const { info, cancellationSignal, log } = Context.current();
      const record = info.heartbeatDetails as Partial<CreateSpecHeartbeat> | undefined;
      const earlierAttemptMayHaveCreated = record?.mayHaveCreated === true;
      // No record on a retry: an attempt from before 0.2.0, or one killed before its first beat.
      const unrecorded = record?.mayHaveCreated === undefined && info.attempt > 1;
      const progress: CreateSpecHeartbeat = { mayHaveCreated: earlierAttemptMayHaveCreated };
      let posted = false;
      try {
        const body = withDatabricksSecret(validateCreateSpecRequest(request), databricksSecrets);
        const attempt = {
          earlierAttemptMayHaveCreated,
          unrecordedMayHaveCreated: unrecorded || workflow?.earlierRunMayHaveCreated === true,
          workflowStartedAtMs: workflow?.workflowStartedAtMs ?? info.scheduledTimestampMs,
          clockSkewMs,
          ifNameExists: workflow?.ifNameExists ?? ('fail' satisfies IfNameExists),
          signal: cancellationSignal,
          recordMayHaveCreated: (value: boolean) => {
            progress.mayHaveCreated = value;
            posted = true;
          },
        };
        const created = await whileHeartbeating(
          () => createSpecOnce(client, body, attempt),
          () => ({ ...progress }),
        );
        recordCreated(created.adopted);
        if (created.adopted)
          log.info('Adopted an existing spec instead of creating one', {
            specId: created.specId,
            reason: created.adoptedBecause,
            attempt: info.attempt,
          });
        return { ...created, createdAtMs: Date.now() };
      } catch (err) {
        // The record for the next attempt, in a beat the SDK sends with this failure (a fast create that
        // succeeds sends none: each beat is billed). A worker killed mid-POST leaves none: see `unrecorded`.
        if (posted) Context.current().heartbeat({ ...progress });
        if (isTransientApiError(err)) health.transient('createSpec', err.type);
        // Said in the failure too: a caller that starts the spec again (a batch item) adopts only
        // a spec its own earlier create may have made.
        throw fail(err, progress.mayHaveCreated || unrecorded ? { mayHaveCreated: true } : {});
      }
    },

    /** One status read: a compact view, with the full spec only once it is terminal. */
    async getSpecStatus(specId: string, context: StatusReadContext = {}): Promise<SpecStatusView> {
      const view = await guardedRead(specId, context, {});
      if (!view.knownStatus)
        Context.current().log.warn('Unknown spec status; treating it as still running', {
          specId,
          status: view.rawStatus,
        });
      return view;
    },

    /**
     * Waits for a spec through Temporal's retries: each attempt reads the status once and, while the
     * spec is still processing, fails with `SpecStillProcessing` whose `nextRetryDelay` is the poll
     * schedule's next wait. Retries write no history, so a long wait costs a handful of events.
     */
    async awaitSpecStatus(input: AwaitSpecInput, context: StatusReadContext = {}): Promise<AwaitedSpecStatus> {
      const { attempt } = Context.current().info;
      if (attempt === 1 && input.firstWaitMs > 0) throw stillProcessing(input, input.readsBefore);
      const readNumber = readNumberOf(input, attempt);
      const view = await guardedRead(input.specId, context, { readNumber }).catch((err: unknown) => {
        throw retryOnSchedule(input, readNumber, err);
      });
      if (view.terminal) return { ...view, readNumber };
      if (!view.knownStatus)
        Context.current().log.warn('Unknown spec status; treating it as still running', {
          specId: input.specId,
          status: view.rawStatus,
        });
      throw stillProcessing(input, readNumber, view);
    },

    /** Deletes a spec (on cancellation with `onCancel: 'delete'`); one already gone counts as deleted. */
    async deleteSpec(specId: string): Promise<{ deleted: boolean }> {
      const signal = Context.current().cancellationSignal;
      try {
        return await whileHeartbeating(() => client.deleteSpec(specId, { force: false, signal }));
      } catch (err) {
        throw fail(err);
      }
    },
  };
}

/** The activities' type, for `proxyActivities<DataFramerActivities>()` in workflows. */
export type DataFramerActivities = ReturnType<typeof createActivities>;
