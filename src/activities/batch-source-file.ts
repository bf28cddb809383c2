// Reading a batch source file from a byte offset, in chunks, heartbeating, up to the size it had
// when opened (its fingerprint: size and mtime).
import { open, type FileHandle } from 'node:fs/promises';
import { hostname } from 'node:os';
import { Context } from '@temporalio/activity';
import type { SourceFingerprint } from '../workflows/batch/types';
import { fingerprintOf, sourceError, sourceUnreadable } from './batch-source-fingerprint';

/** Bytes read at a time: a page is about 256 KB, so a few reads make one. */
const FILE_CHUNK_BYTES = 64 * 1024;

async function openSource(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const permanent = code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR';
    const message = `Cannot open the batch source ${path} on ${hostname()}: ${code ?? String(err)} (a path must be readable by every worker; use a URL otherwise)`;
    throw permanent ? sourceUnreadable(message) : sourceError(message);
  }
}

/** The file's bytes from `offset` to its end; `observe` sees its fingerprint before the first chunk. */
export async function* fileChunks(
  path: string,
  offset: number,
  observe: (fingerprint: SourceFingerprint) => void,
): AsyncGenerator<Buffer> {
  const file = await openSource(path);
  try {
    const { size, mtimeMs } = await file.stat();
    observe(fingerprintOf({ size, mtimeMs }));
    // Up to the size it had when opened: bytes appended meanwhile belong to a changed file.
    for (let position = offset; position < size;) {
      const buffer = Buffer.alloc(Math.min(FILE_CHUNK_BYTES, size - position));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0)
        throw sourceError(`The batch source ${path} ended at byte ${position}, before its size ${size}`);
      Context.current().heartbeat();
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await file.close();
  }
}
