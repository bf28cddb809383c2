// The commands the README and the docs pages show: every `npm run` script exists, and every
// `dataframer-temporal` command and flag they name is one the CLI (or the simulator) accepts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { simulatorUsage } from '../../src/simulator/cli-args';
import { codeBlocks, codeSpans, DOC_PATHS, readDoc, ROOT } from './docs-pages';

const FLAG = /(?<![\w-])--[a-z][a-z-]*/g;
/** Flags a row of docs/cli.md's table names that are another command's: `cancel` recalls `create --on-cancel`. */
const FLAGS_OF_ANOTHER_COMMAND: Record<string, string[]> = { cancel: ['--on-cancel'] };
const flagsIn = (text: string) => [...text.matchAll(FLAG)].map((match) => match[0]);

function cliCommands(): Map<string, Set<string>> {
  const sink = { write: () => true };
  const program: Command = buildProgram({ streams: { stdout: sink, stderr: sink, env: {} }, exitCode: 0 });
  const simulatorFlags = new Set(flagsIn(simulatorUsage('simulator')));
  return new Map(
    program.commands.map((command) => {
      const own = command.options.map((option) => option.long ?? '');
      // The simulator command hands its flags to the simulator's own parser.
      const flags = command.name() === 'simulator' ? [...simulatorFlags] : own;
      return [command.name(), new Set([...flags, '--help'])];
    }),
  );
}

/** The code of every page (spans and block lines, a `\`-continued line joined to the next), with its page. */
function codeOf(page: string): string[] {
  const markdown = readDoc(page);
  const blockLines = codeBlocks(markdown).flatMap((block) => block.text.replace(/\\\n\s*/g, ' ').split('\n'));
  return [...codeSpans(markdown), ...blockLines];
}

/** `dataframer-temporal <command> ...` anywhere in code, or a span that starts `<command> --flag`. */
function invocations(code: string, commands: Map<string, Set<string>>): { command: string; args: string }[] {
  const found = [...code.matchAll(/(?<![\w/-])dataframer-temporal ([a-z]+)(.*)$/g)].map((match) => ({
    command: match[1] ?? '',
    args: match[2] ?? '',
  }));
  const bare = /^([a-z]+) (--.*)$/.exec(code);
  if (bare !== null && commands.has(bare[1] ?? '')) found.push({ command: bare[1] ?? '', args: bare[2] ?? '' });
  return found;
}

describe('docs: the commands the pages show', function () {
  const commands = cliCommands();

  it('names only npm scripts that exist', function () {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const named = DOC_PATHS.flatMap((page) =>
      [...readDoc(page).matchAll(/npm run ([a-z][\w:-]*)/g)].map((match) => ({ page, script: match[1] ?? '' })),
    );
    assert.ok(named.length > 30, `${named.length} npm scripts named`);
    assert.deepEqual(
      named.filter(({ script }) => !(script in manifest.scripts)),
      [],
    );
  });

  it("lists every command of the CLI in docs/cli.md's table, each flag of a row its command's", function () {
    const rows = readDoc('docs/cli.md')
      .split('\n')
      .map((line) => /^\| `([a-z]+)[^`]*` \|/.exec(line))
      .filter((match) => match !== null);
    assert.deepEqual(rows.map((match) => match[1]).sort(), [...commands.keys()].sort());
    for (const match of rows) {
      const command = match[1] ?? '';
      const allowed = new Set([...(commands.get(command) ?? []), ...(FLAGS_OF_ANOTHER_COMMAND[command] ?? [])]);
      const unknown = flagsIn(match.input).filter((flag) => !allowed.has(flag));
      assert.deepEqual(unknown, [], `docs/cli.md's row of ${command}`);
    }
  });

  it('shows only commands and flags the CLI accepts, on every page', function () {
    const wrong: string[] = [];
    let seen = 0;
    for (const page of DOC_PATHS) {
      for (const code of codeOf(page)) {
        for (const { command, args } of invocations(code, commands)) {
          seen++;
          const flags = commands.get(command);
          if (flags === undefined) wrong.push(`${page}: no command ${command} (${code})`);
          else
            wrong.push(
              ...flagsIn(args)
                .filter((flag) => !flags.has(flag))
                .map((flag) => `${page}: ${command} ${flag}`),
            );
        }
      }
    }
    assert.deepEqual(wrong, []);
    assert.ok(seen >= 10, `only ${seen} command lines found`);
  });

  it("names only flags some command has on docs/cli.md, and only the simulator's on docs/testing.md", function () {
    const anyCommand = new Set([...commands.values()].flatMap((flags) => [...flags]));
    const cliFlags = codeOf('docs/cli.md').flatMap(flagsIn);
    assert.deepEqual(
      cliFlags.filter((flag) => !anyCommand.has(flag)),
      [],
    );
    const simulator = commands.get('simulator') ?? new Set();
    const testingFlags = codeOf('docs/testing.md').flatMap(flagsIn);
    assert.ok(testingFlags.length >= 8, `docs/testing.md names ${testingFlags.length} flags`);
    assert.deepEqual(
      testingFlags.filter((flag) => !simulator.has(flag)),
      [],
    );
  });
});
