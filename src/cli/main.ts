#!/usr/bin/env node
// `dataframer-temporal`: the package's command line (package.json "bin"). See `dataframer-temporal --help`.
import { runCli } from './run-cli';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
