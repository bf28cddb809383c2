import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import {
  BadRequestError,
  DataFramerError,
  EVALUATION_RESOURCE,
  NotFoundError,
  RUN_RESOURCE,
  redactJson,
  validateCreateEvaluationRequest,
  validateCreateRunRequest,
  type DataFramerClient,
  type Evaluation,
  type EvaluationStatus,
  type Run,
  type RunStatus,
} from '../dataframer';
import { CREATE_JOB_LIST_SETTLE_MS, CREATE_JOB_SETTLE_MS, MAX_FINAL_VIEW_BYTES } from '../common/job-activity-policies';
import { ApiHealth, isRejectedKey } from './api-health';
import { createJobOnce, type CreateJobSource } from './create-job-once';
import { whileHeartbeating } from './heartbeat';
import { toJobStatusView, type JobStatusView } from './job-status-view';
import { JOB_READERS, type JobReader } from './job-readers';
import { findOwnEvaluations, findOwnRuns, type AdoptionWindows } from './own-jobs';
import {
  jobRetryOnSchedule,
  jobStillProcessing,
  readNumberOfAttempt,
  type AwaitJobInput,
  type AwaitedJobStatus,
} from './await-job';

/** A run's compact status view; `final` is the run (maybe without `generated_files`) once terminal. */
export type RunStatusView = JobStatusView<RunStatus, Run>;
/** An evaluation's compact status view; `final` is the evaluation once terminal (classifications left out when large). */
export type EvaluationStatusView = JobStatusView<EvaluationStatus, Evaluation>;

/** Answer of `createRun` / `createEvaluation`. */
export interface CreatedJobAnswer {
  /** The run or evaluation id. */
  id: string;
  /** True when an earlier attempt had made it and this attempt adopted it. */
  adopted: boolean;
  source: CreateJobSource;
  /** When the create returned (epoch ms, worker clock), for the 404 grace period of the first reads. */
  createdAtMs: number;
}

/** Answer of `cancelRun`. */
export interface CanceledRun {
  runId: string;
  /** False when the run had already ended (or was gone): nothing to cancel. */
  cancelRequested: boolean;
  /** The run as read after the cancel call; absent when the run no longer exists. */
  view?: RunStatusView;
}

/** What the run and evaluation activities need beside the client. */
export interface JobActivityDependencies {
  client: DataFramerClient;
  /** Strings scrubbed from views and failures once more (the worker's Databricks secrets). */
  secrets: readonly string[];
  /** Turns any error into the Temporal failure (the one classifier). */
  fail: (err: unknown, extra?: Record<string, unknown>) => Error;
  notFoundGraceMs: number;
  clockSkewMs: number;
  /** Counts reads refused for the key and rate-limits their ERROR log (share the spec activities'). @default a new ApiHealth */
  health?: ApiHealth;
  /** @default MAX_FINAL_VIEW_BYTES */
  maxFinalViewBytes?: number;
  /** @default CREATE_JOB_SETTLE_MS; the wait after a 5xx is the smaller of it and CREATE_JOB_LIST_SETTLE_MS */
  createSettleMs?: number;
}

/** What the workflow tells a create activity beside the request (as `createSpec`'s context does). */
export interface CreateJobOptions {
  /** When the workflow chain first started (`workflowInfo().startTime`, Temporal's clock): survives resets and continue-as-new. */
  workflowStartedAtMs?: number;
  /**
   * This run of the chain is not its first and knows no job id (a reset, a workflow retry): an
   * earlier run may have made the job, so every attempt, the first included, also looks since
   * `workflowStartedAtMs`. Otherwise the first attempt POSTs without looking, and a retry looks only
   * where its own earlier POSTs could have made a job. @default false
   */
  earlierRunMayHaveCreated?: boolean;
  /**
   * @deprecated 0.2.0's option (creates scheduled before the upgrade still carry it): read as
   * `workflowStartedAtMs`; it no longer makes the first attempt look, which took another caller's run.
   */
  createdSinceMs?: number;
}

/** Context of a status read, passed by the workflow. */
export interface JobReadContext {
  /** When the create returned (epoch ms), for the 404 grace period. */
  createdAtMs?: number;
}

/** The run and evaluation activities; `createActivities` spreads them beside the spec ones. */
export function createJobActivities(deps: JobActivityDependencies) {
  const { client, fail } = deps;
  const maxBytes = deps.maxFinalViewBytes ?? MAX_FINAL_VIEW_BYTES;
  const settleMs = deps.createSettleMs ?? CREATE_JOB_SETTLE_MS;
  const listSettleMs = Math.min(CREATE_JOB_LIST_SETTLE_MS, settleMs);
  const health = deps.health ?? new ApiHealth();

  /**
   * One status read of any job kind, as a compact view; 404s right after creation are retried, and so
   * is a refused key (`ApiKeyRejected`, a read a minute, `extra` in its details: it passes
   * `jobRetryOnSchedule` unchanged, its own delay kept, so the read number must already be there).
   */
  async function read(
    reader: JobReader,
    id: string,
    context: JobReadContext,
    extra: Record<string, unknown> = {},
  ): Promise<JobStatusView> {
    const { description } = reader;
    try {
      const signal = Context.current().cancellationSignal;
      const job = await whileHeartbeating(() => reader.read(client, id, signal));
      const view = toJobStatusView(description, id, job, maxBytes);
      if (!view.knownStatus) {
        Context.current().log.warn(`Unknown ${description.kind} status; treating it as still running`, {
          [`${description.kind}Id`]: id,
          status: view.rawStatus,
        });
      }
      return deps.secrets.length === 0 ? view : (redactJson(view, deps.secrets) as JobStatusView);
    } catch (err) {
      // The job exists (its create answered its id): a refused key is the worker's configuration, which
      // a person fixes; the workflow keeps waiting rather than drop a run DataFramer is billing.
      if (isRejectedKey(err)) throw health.rejectedKey({ kind: description.kind, id }, err, extra);
      const young = context.createdAtMs !== undefined && Date.now() - context.createdAtMs < deps.notFoundGraceMs;
      if (err instanceof NotFoundError && young) {
        throw ApplicationFailure.retryable(
          `${description.label} ${id} is not visible yet (404 right after creation)`,
          description.notYetVisibleType,
        );
      }
      // A 429's wait also goes into the details: the workflow cannot see `nextRetryDelay`, and
      // remembers it as a not-before time once the activity has given up.
      const retryAfterMs = err instanceof DataFramerError ? err.retryAfterMs : undefined;
      throw fail(err, retryAfterMs === undefined ? {} : { retryAfterMs });
    }
  }

  async function create(
    label: string,
    options: CreateJobOptions,
    find: (where: AdoptionWindows) => Promise<string[]>,
    post: (signal: AbortSignal) => Promise<string>,
  ) {
    const { info, cancellationSignal: signal, log } = Context.current();
    const startedAtMs = options.workflowStartedAtMs ?? options.createdSinceMs;
    const created = await createJobOnce({
      label,
      attempt: info.attempt,
      previous: info.heartbeatDetails,
      firstScheduledAtMs: info.scheduledTimestampMs,
      ...(options.earlierRunMayHaveCreated === true && {
        chainStartedAtMs: Math.min(startedAtMs ?? info.scheduledTimestampMs, info.scheduledTimestampMs),
      }),
      settleMs,
      listSettleMs,
      now: Date.now,
      findOwn: (windows) => find({ windows, clockSkewMs: deps.clockSkewMs, signal }),
      post: () => post(signal),
    });
    if (created.adopted) {
      log.info(`Adopted the ${label.toLowerCase()} this workflow's earlier attempt or run created`, {
        ...created,
        attempt: info.attempt,
      });
    }
    const answer: CreatedJobAnswer = {
      id: created.jobId,
      adopted: created.adopted,
      source: created.source,
      createdAtMs: Date.now(),
    };
    return answer;
  }

  return {
    /**
     * Starts a generation run at most once across attempts and resets (runs are billed and have no
     * unique name), never taking another caller's: a retry adopts the run its own earlier POSTs made
     * (same spec, made inside their windows by DataFramer's clock, parameters not contradicting the
     * request) before POSTing; two such runs are `CreateAmbiguous`. See `createJobOnce`.
     */
    async createRun(request: unknown, options: CreateJobOptions = {}): Promise<CreatedJobAnswer> {
      try {
        const body = validateCreateRunRequest(request);
        return await create(
          RUN_RESOURCE.label,
          options,
          (where) => findOwnRuns(client, body, where),
          async (signal) => (await client.createRun(body, { signal })).id,
        );
      } catch (err) {
        throw fail(err);
      }
    },

    /** One run status read: status and progress (samples, cost); the run itself only once terminal. */
    getRunStatus(runId: string, context: JobReadContext = {}): Promise<RunStatusView> {
      return read(JOB_READERS.run, runId, context) as Promise<RunStatusView>;
    },

    /** Asks DataFramer to cancel a run, then reads it; a run already ended or gone is not an error. */
    async cancelRun(runId: string): Promise<CanceledRun> {
      const signal = Context.current().cancellationSignal;
      let cancelRequested = true;
      try {
        await whileHeartbeating(() => client.cancelRun(runId, { signal }));
      } catch (err) {
        if (err instanceof NotFoundError) return { runId, cancelRequested: false };
        // The run exists and keeps costing money: a refused key is retried (a minute apart) like a read.
        if (isRejectedKey(err)) throw health.rejectedKey({ kind: 'run', id: runId, action: 'cancelling' }, err, {});
        if (!(err instanceof BadRequestError)) throw fail(err);
        cancelRequested = false;
      }
      const view = (await read(JOB_READERS.run, runId, {})) as RunStatusView;
      // A 400 for a run that is still running is not "already ended": report it.
      if (!cancelRequested && !view.terminal)
        throw fail(new BadRequestError(`DataFramer refused to cancel run ${runId} (${view.status})`));
      return { runId, cancelRequested, view };
    },

    /** Starts evaluating a run at most once across attempts and resets, as `createRun` does; the model must match where DataFramer echoes it. */
    async createEvaluation(request: unknown, options: CreateJobOptions = {}): Promise<CreatedJobAnswer> {
      try {
        const body = validateCreateEvaluationRequest(request);
        return await create(
          EVALUATION_RESOURCE.label,
          options,
          (where) => findOwnEvaluations(client, body, where),
          async (signal) => (await client.createEvaluation(body, { signal })).id,
        );
      } catch (err) {
        throw fail(err);
      }
    },

    /**
     * Waits for a run or evaluation through Temporal's retries, like `awaitSpecStatus` for specs:
     * each attempt reads once and, while the job still runs, fails with `JobStillProcessing` whose
     * `nextRetryDelay` is the poll schedule's next wait. Retries write no history.
     */
    async awaitJobStatus(input: AwaitJobInput, context: JobReadContext = {}): Promise<AwaitedJobStatus> {
      const { attempt } = Context.current().info;
      if (attempt === 1 && input.firstWaitMs > 0) throw jobStillProcessing(input, input.readsBefore);
      const readNumber = readNumberOfAttempt(input, attempt);
      const view = await read(JOB_READERS[input.kind], input.id, context, { readNumber }).catch((err: unknown) => {
        throw jobRetryOnSchedule(input, readNumber, err);
      });
      if (view.terminal) return { ...view, readNumber };
      throw jobStillProcessing(input, readNumber, view);
    },

    /** One evaluation status read; the evaluation (its classifications left out when large) only once terminal. */
    getEvaluationStatus(evaluationId: string, context: JobReadContext = {}): Promise<EvaluationStatusView> {
      return read(JOB_READERS.evaluation, evaluationId, context) as Promise<EvaluationStatusView>;
    },
  };
}
