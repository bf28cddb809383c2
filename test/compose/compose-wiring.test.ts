// docker-compose.yml and the Dockerfile, checked without a Docker engine: the services are wired to
// each other (addresses, ports, the one API key), the worker sets only variables it reads and
// they pass its own configuration check, and every file the containers run is one the build makes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { parseCliArgs } from '../../src/simulator/cli-args';
import { FAULT_PROFILES } from '../../src/simulator/fault-plan';
import { startSimulator } from '../../src/simulator/server';
import { findTemporalBinaries } from '../../src/testing/temporal-binaries';
import { loadWorkerConfig, WORKER_ENVIRONMENT_VARIABLES } from '../../src/worker/worker-config';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, Service>;
};
const { temporal, simulator, worker } = compose.services as Record<'temporal' | 'simulator' | 'worker', Service>;
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

/** Compose's `${NAME:-default}` interpolation, for an environment where nothing is set. */
function interpolateDefaults(value: string): string {
  return value.replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_match, _name: string, fallback?: string) => fallback ?? '');
}

/** Container ports a service publishes (`host:container`). */
function containerPorts(service: Service): number[] {
  return (service.ports ?? []).map((mapping) => Number(mapping.split(':').at(-1)));
}

/** `dist/a/b.js` → `src/a/b.ts` (tsconfig.build.json: rootDir src, outDir dist). */
function sourceOf(distFile: string): string {
  return distFile.replace(/^dist\//, 'src/').replace(/\.js$/, '.ts');
}

function flag(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

describe('compose: docker-compose.yml and Dockerfile wiring', function () {
  it('runs the official Temporal image at a pinned version, and builds the app services from the Dockerfile', function () {
    assert.match(temporal.image ?? '', /^temporalio\/temporal:\d+\.\d+\.\d+$/);
    for (const service of [simulator, worker]) {
      assert.equal(service.build, '.');
      assert.equal(service.image, undefined, 'built, not pulled');
    }
    assert.ok(existsSync(path.join(ROOT, 'Dockerfile')));
  });

  it('publishes the Temporal frontend, its web UI and the simulator', function () {
    assert.deepEqual(temporal.ports, ['7233:7233', '8233:8233']);
    assert.deepEqual(simulator.ports, ['8787:8787']);
    assert.deepEqual(temporal.command, ['server', 'start-dev', '--ip', '0.0.0.0', '--ui-ip', '0.0.0.0']);
  });

  it('starts the simulator on 0.0.0.0:8787 with the mild fault profile, as its CLI parses the flags', function () {
    const [node, script, ...args] = simulator.command ?? [];
    assert.equal(node, 'node');
    assert.equal(script, 'dist/simulator/cli.js');
    const config = parseCliArgs(args, { DATAFRAMER_API_KEY: 'sim-local-key' });
    assert.notEqual(config, 'help');
    if (config === 'help') return;
    assert.equal(config.options.host, '0.0.0.0');
    assert.equal(config.options.port, 8787);
    assert.deepEqual(config.options.faults, FAULT_PROFILES.mild);
    assert.equal(config.keyFromEnv, true);
  });

  it('sets only variables the worker reads, and they pass its configuration check', function () {
    const known = new Set<string>(WORKER_ENVIRONMENT_VARIABLES.map((variable) => variable.name));
    const names = Object.keys(worker.environment ?? {});
    assert.deepEqual(
      names.filter((name) => !known.has(name)),
      [],
    );
    const env = Object.fromEntries(names.map((name) => [name, interpolateDefaults(worker.environment?.[name] ?? '')]));
    const config = loadWorkerConfig(env);
    assert.equal(config.temporal.address, 'temporal:7233');
    assert.equal(config.temporal.tls, false);
    assert.equal(config.dataframer.apiKey, 'sim-local-key');
  });

  it('gives the worker and the simulator the same API key variable, with a default', function () {
    const workerKey = worker.environment?.DATAFRAMER_API_KEY;
    assert.equal(workerKey, simulator.environment?.DATAFRAMER_API_KEY);
    assert.match(workerKey ?? '', /^\$\{DATAFRAMER_API_KEY:-[^}]+\}$/);
  });

  it("points the worker at the temporal service's port and the simulator service's port", function () {
    const [host, port] = (worker.environment?.TEMPORAL_ADDRESS ?? '').split(':');
    assert.equal(host, 'temporal');
    assert.ok(containerPorts(temporal).includes(Number(port)), `temporal listens on ${port}`);
    const baseUrl = new URL(worker.environment?.DATAFRAMER_BASE_URL ?? '');
    assert.equal(baseUrl.hostname, 'simulator');
    assert.equal(baseUrl.port, flag(simulator.command ?? [], '--port'));
    assert.ok(containerPorts(simulator).includes(Number(baseUrl.port)), `simulator publishes ${baseUrl.port}`);
  });

  it('starts the worker once Temporal and the simulator are healthy', function () {
    assert.deepEqual(worker.depends_on, {
      temporal: { condition: 'service_healthy' },
      simulator: { condition: 'service_healthy' },
    });
    assert.ok(temporal.healthcheck?.test && simulator.healthcheck?.test);
  });

  it("the simulator's healthcheck command passes against a running simulator", async function () {
    const [kind, node, evalFlag, script] = simulator.healthcheck?.test ?? [];
    assert.deepEqual([kind, node, evalFlag], ['CMD', 'node', '-e']);
    const sim = await startSimulator();
    try {
      const port = new URL(sim.url).port;
      await run(process.execPath, ['-e', (script ?? '').replace('127.0.0.1:8787', `127.0.0.1:${port}`)]);
    } finally {
      await sim.close();
    }
  });

  it('runs files that `npm run build` produces, from the image that the Dockerfile builds', function () {
    assert.match(dockerfile, /^CMD \["node", "dist\/worker\.js"\]$/m);
    assert.match(dockerfile, /^USER node$/m);
    const runs = [['node', 'dist/worker.js'], simulator.command ?? [], worker.command ?? []];
    for (const [node, script] of runs) {
      assert.equal(node, 'node');
      assert.ok(existsSync(path.join(ROOT, sourceOf(script ?? ''))), `${sourceOf(script ?? '')} exists`);
    }
    const tsconfig = JSON.parse(readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    assert.deepEqual([tsconfig.compilerOptions.rootDir, tsconfig.compilerOptions.outDir], ['src', 'dist']);
    for (const [, source] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const file of (source ?? '').split(' ')) assert.ok(existsSync(path.join(ROOT, file)), `COPY ${file}`);
    }
  });

  it('pins the Temporal image to the CLI version this project tests against, whose flags it uses', async function () {
    const { cliPath } = findTemporalBinaries();
    if (cliPath === undefined) this.skip();
    const { stdout: version } = await run(cliPath, ['--version']);
    assert.equal(temporal.image, `temporalio/temporal:${/temporal version (\S+)/.exec(version)?.[1]}`);
    const { stdout: help } = await run(cliPath, ['server', 'start-dev', '--help']);
    assert.match(help, /--ui-ip/);
    await run(cliPath, ['operator', 'cluster', 'health', '--help']);
  });

  it('is valid for `docker compose config` (needs the compose plugin, not an engine)', async function () {
    try {
      await run('docker', ['compose', 'version']);
    } catch {
      console.log('      (skipped: no `docker compose` plugin on this machine)');
      this.skip();
    }
    await run('docker', ['compose', '-f', path.join(ROOT, 'docker-compose.yml'), 'config', '--quiet'], { cwd: ROOT });
  });
});
