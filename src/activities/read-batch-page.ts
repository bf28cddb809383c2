import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { request } from 'undici';
import type { BatchSource } from '../workflows/batch/types';
import { MAX_LINE_BYTES, pageFromBytes, type BatchPage, type PageLimits } from './batch-source-lines';

export type { BatchPage };

/** Input of `readBatchPage`. */
export interface ReadBatchPageInput extends PageLimits {
  source: BatchSource;
}

/** Failure type of a source that cannot be read (missing file, HTTP 404): not retried. */
export const BATCH_SOURCE_UNREADABLE_TYPE = 'BatchSourceUnreadable';

/** Bytes to read for one page: the page's budget plus one line that may straddle its end. */
const readBudget = (limits: PageLimits) => limits.maxBytes + MAX_LINE_BYTES + 1;

async function readFileBytes(path: string, limits: PageLimits): Promise<{ bytes: Buffer; atEnd: boolean }> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const permanent = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR';
    const message = `Cannot open the batch source ${path} on ${hostname()}: ${code ?? String(err)} (a path must be readable by every worker; use a URL otherwise)`;
    throw permanent
      ? ApplicationFailure.nonRetryable(message, BATCH_SOURCE_UNREADABLE_TYPE)
      : ApplicationFailure.retryable(message, 'BatchSourceError');
  }
  try {
    const buffer = Buffer.alloc(readBudget(limits));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, limits.offset);
    return { bytes: buffer.subarray(0, bytesRead), atEnd: bytesRead < buffer.length };
  } finally {
    await file.close();
  }
}

async function readUrlBytes(url: string, limits: PageLimits): Promise<{ bytes: Buffer; atEnd: boolean }> {
  const budget = readBudget(limits);
  const signal = Context.current().cancellationSignal;
  const response = await request(url, {
    headers: { range: `bytes=${limits.offset}-${limits.offset + budget - 1}` },
    signal,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  }).catch((err: unknown) => {
    throw ApplicationFailure.retryable(`Cannot reach the batch source ${url}: ${String(err)}`, 'BatchSourceError');
  });
  const { statusCode, body } = response;
  if (statusCode === 416) {
    await body.dump();
    return { bytes: Buffer.alloc(0), atEnd: true };
  }
  if (statusCode !== 200 && statusCode !== 206) {
    await body.dump();
    const message = `The batch source ${url} answered HTTP ${statusCode}`;
    if (statusCode === 404 || statusCode === 401 || statusCode === 403 || statusCode === 410) {
      throw ApplicationFailure.nonRetryable(message, BATCH_SOURCE_UNREADABLE_TYPE);
    }
    throw ApplicationFailure.retryable(message, 'BatchSourceError');
  }
  // A server that ignores Range answers 200 with the whole file: skip to the offset while streaming.
  let skip = statusCode === 200 ? limits.offset : 0;
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = true;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    let part = chunk;
    if (skip > 0) {
      const dropped = Math.min(skip, part.length);
      skip -= dropped;
      part = part.subarray(dropped);
    }
    chunks.push(part);
    size += part.length;
    if (size >= budget) {
      ended = false;
      body.destroy();
      break;
    }
  }
  const bytes = Buffer.concat(chunks).subarray(0, budget);
  const atEnd = statusCode === 206 ? bytes.length < budget : ended;
  return { bytes, atEnd };
}

/** The batch's source activities; the worker registers them beside the spec activities. */
export function createBatchActivities() {
  return {
    /** Reads one page of a JSONL batch source (file path or http(s) URL) from a byte offset. */
    async readBatchPage(input: ReadBatchPageInput): Promise<BatchPage> {
      Context.current().heartbeat();
      const { bytes, atEnd } =
        'path' in input.source
          ? await readFileBytes(input.source.path, input)
          : await readUrlBytes(input.source.url, input);
      return pageFromBytes(bytes, input, atEnd);
    },
  };
}

/** The batch activities' type, for `proxyActivities<BatchActivities>()` in workflows. */
export type BatchActivities = ReturnType<typeof createBatchActivities>;
