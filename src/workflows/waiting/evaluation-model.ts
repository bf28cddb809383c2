import { DEFAULT_EVALUATION_MODEL } from '../../dataframer/models';

/** Where a result's `evaluationModel` comes from. */
export type EvaluationModelSource = 'dataframer' | 'request' | 'default';

/** The model an evaluation used, and how we know it. */
export interface EvaluationModel {
  /** The model that judged the run. */
  evaluationModel: string;
  /**
   * `dataframer`: echoed on the evaluation object; `request`: the model asked for (DataFramer did not
   * echo one); `default`: none asked for nor echoed, so DataFramer's documented default (SDK 0.19.2).
   */
  evaluationModelFrom: EvaluationModelSource;
}

/** The model of a finished evaluation: DataFramer's echo where it sends one, else the request's, else the default. */
export function evaluationModelOf(request: { evaluation_model?: string | undefined }, final: unknown): EvaluationModel {
  const echoed =
    typeof final === 'object' && final !== null ? (final as Record<string, unknown>).evaluation_model : undefined;
  if (typeof echoed === 'string' && echoed !== '')
    return { evaluationModel: echoed, evaluationModelFrom: 'dataframer' };
  if (request.evaluation_model !== undefined) {
    return { evaluationModel: request.evaluation_model, evaluationModelFrom: 'request' };
  }
  return { evaluationModel: DEFAULT_EVALUATION_MODEL, evaluationModelFrom: 'default' };
}
