// Loaded by .mocharc.json before any test: one Temporal runtime whose logs show warnings and errors
// only, so a passing run prints the test list and not every worker state change.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('WARN') });
