// Ending runs and evaluations by hand (for `completion: { manual: true }` and FAILED paths).
import { type SimulatorContext } from './context';
import { toEvaluationObject, toRunObject } from './job-views';

/** Control operations on runs and evaluations; unknown ids throw `JobNotFoundError`. */
export interface JobControl {
  /** Ends a run now: SUCCEEDED (with its files) by default, or FAILED with `message` as `error_message`. */
  completeRun(runId: string, outcome?: 'SUCCEEDED' | 'FAILED', message?: string): Record<string, unknown>;
  /** Ends a run now as FAILED with this message. */
  failRun(runId: string, message: string): Record<string, unknown>;
  /** Ends an evaluation now: SUCCEEDED by default, or FAILED with `message` as `error_message`. */
  completeEvaluation(evaluationId: string, outcome?: 'SUCCEEDED' | 'FAILED', message?: string): Record<string, unknown>;
  /** Ends an evaluation now as FAILED with this `error_message`. */
  failEvaluation(evaluationId: string, message: string): Record<string, unknown>;
}

/** Binds the job controls to one simulator's state. */
export function createJobControl(ctx: SimulatorContext): JobControl {
  const evaluationView = (id: string, outcome?: 'SUCCEEDED' | 'FAILED', message?: string) => {
    const record = ctx.evaluations.complete(id, outcome, message);
    return toEvaluationObject(record, ctx.runs.peek(record.runId), ctx.options);
  };
  return {
    completeRun: (id, outcome, message) => toRunObject(ctx.runs.complete(id, outcome, message)),
    failRun: (id, message) => toRunObject(ctx.runs.complete(id, 'FAILED', message)),
    completeEvaluation: evaluationView,
    failEvaluation: (id, message) => evaluationView(id, 'FAILED', message),
  };
}
