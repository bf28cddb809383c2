// The package's workflows plus an empty one: the ceiling a batch's throughput is measured against.
export * from '../src/workflows';

/** Does nothing: one workflow task, start to finish. */
export async function emptyWorkflow(): Promise<void> {}
