// The examples the README and the docs pages show: every TypeScript block type-checks against the
// package's own entry points (as a user imports them), every JSON block parses, and the override the
// upgrading page tells users to add is the one this repository has.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { codeBlocks, DOC_PATHS, readDoc, ROOT } from './docs-pages';

/** The package's entry points as a user's project resolves them, mapped to the sources. */
const ENTRY_POINTS = {
  'dataframer-temporal': ['src/index.ts'],
  'dataframer-temporal/workflows': ['src/workflows/index.ts'],
  'dataframer-temporal/testing': ['src/testing/index.ts'],
};

/**
 * What an example takes from the text around it rather than declaring: the page says what `client`
 * is, the example uses it. Declared in front of the examples that use it, so they still type-check.
 */
const CONTEXT: { uses: RegExp; declare: string }[] = [
  {
    uses: /\bclient\.createRun\(/,
    declare: `import type { DataFramerClient } from 'dataframer-temporal';
declare const client: DataFramerClient;
declare const specId: string;`,
  },
  {
    uses: /startCreateSpecsBatch\(\s*client\b/,
    declare: `import type { Client } from '@temporalio/client';
declare const client: Client;`,
  },
  { uses: /\bassert\.\w+\(/, declare: `import assert from 'node:assert/strict';` },
];

interface Example {
  where: string;
  file: string;
  source: string;
  preludeLines: number;
}

function typescriptExamples(): Example[] {
  return DOC_PATHS.flatMap((page) =>
    codeBlocks(readDoc(page))
      .filter((block) => block.lang === 'ts')
      .map((block, index) => {
        const prelude = CONTEXT.filter(({ uses }) => uses.test(block.text)).map((context) => context.declare);
        const header = prelude.length === 0 ? '' : `${prelude.join('\n')}\n`;
        return {
          where: `${page}, TypeScript example ${index + 1}`,
          // Beside the sources, never written: the compiler host serves it from memory.
          file: path.join(ROOT, 'docs', `example-${page.replace(/[/.]/g, '-')}-${index + 1}.ts`),
          source: `${header}${block.text}\n`,
          preludeLines: header.split('\n').length - 1,
        };
      }),
  );
}

function typeCheck(examples: Example[]): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    // How a bundling or ESM user compiles: imports by package name, top-level await allowed.
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    baseUrl: ROOT,
    paths: ENTRY_POINTS,
    strict: true,
    noUncheckedIndexedAccess: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  };
  const inMemory = new Map(examples.map((example) => [example.file, example.source]));
  const disk = ts.createCompilerHost(options);
  const host: ts.CompilerHost = {
    ...disk,
    fileExists: (file) => inMemory.has(file) || disk.fileExists(file),
    readFile: (file) => inMemory.get(file) ?? disk.readFile(file),
    getSourceFile: (file, language, ...rest) => {
      const text = inMemory.get(file);
      return text === undefined
        ? disk.getSourceFile(file, language, ...rest)
        : ts.createSourceFile(file, text, language);
    },
  };
  const program = ts.createProgram([...inMemory.keys()], options, host);
  const byFile = new Map(examples.map((example) => [example.file, example]));
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file !== undefined && byFile.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const example = byFile.get(diagnostic.file?.fileName ?? '');
      const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? { line: 0 };
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
      return `${example?.where}, line ${line + 1 - (example?.preludeLines ?? 0)}: ${message}`;
    });
}

/** An example that must fail: proof that the check reads the package's real exports. */
const WRONG_EXAMPLE: Example = {
  where: 'a wrong example',
  file: path.join(ROOT, 'docs', 'example-wrong.ts'),
  source: "import { startCreateSpecNever } from 'dataframer-temporal';\nstartCreateSpecNever();\n",
  preludeLines: 0,
};

describe('docs: the examples the pages show', function () {
  const examples = typescriptExamples();
  let errors: string[] = [];

  before(function () {
    this.timeout(180_000); // one program over the sources and Temporal's types, on a loaded machine
    errors = typeCheck([...examples, WRONG_EXAMPLE]);
  });

  it('type-checks every TypeScript example against the package entry points', function () {
    assert.ok(examples.length >= 9, `only ${examples.length} TypeScript examples found`);
    assert.deepEqual(
      errors.filter((error) => !error.startsWith(WRONG_EXAMPLE.where)),
      [],
    );
  });

  it('fails an example that uses a name the package does not export', function () {
    const wrong = errors.filter((error) => error.startsWith(WRONG_EXAMPLE.where));
    assert.equal(wrong.length, 1, wrong.join('\n'));
    assert.match(wrong[0] ?? '', /^a wrong example, line 1: .*startCreateSpecNever/);
  });

  it('shows JSON that parses', function () {
    const blocks = DOC_PATHS.flatMap((page) =>
      codeBlocks(readDoc(page))
        .filter((block) => block.lang === 'json')
        .map((block) => ({ page, text: block.text })),
    );
    assert.ok(blocks.length >= 2, `${blocks.length} JSON blocks`);
    for (const { page, text } of blocks) assert.doesNotThrow(() => JSON.parse(text) as unknown, `${page}: ${text}`);
  });

  it("tells users to add this repository's own protobufjs override (the one the package test installs with)", function () {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { overrides: unknown };
    const shown = codeBlocks(readDoc('docs/upgrading.md'))
      .filter((block) => block.lang === 'json' && block.text.includes('"overrides"'))
      .map((block) => JSON.parse(block.text) as { overrides: unknown });
    assert.deepEqual(shown, [{ overrides: manifest.overrides }]);
  });
});
