import {
  EVALUATION_RESOURCE,
  RUN_RESOURCE,
  SPEC_RESOURCE,
  type DataFramerClient,
  type ResourceDescription,
} from '../dataframer';

/** How to read one kind of job: its description and the client call that answers its object. */
export interface JobReader {
  description: ResourceDescription;
  read(client: DataFramerClient, id: string, signal?: AbortSignal): Promise<Record<string, unknown>>;
}

const options = (signal?: AbortSignal) => (signal === undefined ? {} : { signal });

/**
 * Every job the generic machinery can wait on, by kind: a fourth resource is one more entry here
 * and one description. (Specs are read without versions, as the spec activities do.)
 */
export const JOB_READERS: Readonly<Record<'spec' | 'run' | 'evaluation', JobReader>> = {
  spec: { description: SPEC_RESOURCE, read: (client, id, signal) => client.getSpec(id, options(signal)) },
  run: { description: RUN_RESOURCE, read: (client, id, signal) => client.getRun(id, options(signal)) },
  evaluation: {
    description: EVALUATION_RESOURCE,
    read: (client, id, signal) => client.getEvaluation(id, options(signal)),
  },
};

/** A kind of job in `JOB_READERS`. */
export type JobKind = keyof typeof JOB_READERS;
