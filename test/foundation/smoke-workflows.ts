import { sleep } from '@temporalio/workflow';

/** Sleeps on one durable timer, then answers how long it slept by workflow time. */
export async function sleepWorkflow(duration: string): Promise<number> {
  const started = Date.now();
  await sleep(duration);
  return Date.now() - started;
}
