// Loaded by .mocharc.json before any test: one Temporal runtime that prints errors only (from the
// TypeScript side and from the SDK's native core), so a passing run prints the test list and not
// every expected activity failure or worker state change.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
});
