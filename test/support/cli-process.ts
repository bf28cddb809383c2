import { execFile } from 'node:child_process';
import path from 'node:path';
import { WORKER_ENVIRONMENT_VARIABLES } from '../../src/worker/worker-config';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

/** How a `dataframer-temporal` run ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout's lines parsed as JSON (for `--json` runs). */
  jsonLines(): Record<string, unknown>[];
}

/**
 * Runs the CLI as a user would, minus the build: node with tsx as an import hook on src/cli/main.ts,
 * in an environment holding none of the worker's variables but `env`'s.
 */
export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const variable of WORKER_ENVIRONMENT_VARIABLES) delete base[variable.name];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join('src', 'cli', 'main.ts'), ...args],
      { cwd: PACKAGE_ROOT, env: { ...base, ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({
          code,
          stdout,
          stderr,
          jsonLines: () =>
            stdout
              .split('\n')
              .filter((line) => line.trim() !== '')
              .map((line) => JSON.parse(line) as Record<string, unknown>),
        });
      },
    );
  });
}
