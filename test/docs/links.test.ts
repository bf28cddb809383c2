import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { anchorsOf, DOC_PATHS, githubSlug, readDoc, relativeLinks, ROOT } from './docs-pages';

/** The README is the front door: what it is, the two commands, three examples and the map. */
const README_MAX_LINES = 260;
/**
 * Pages the README's map names that another branch is writing (the public API reference). A page
 * here is checked like every other once it exists; remove it from the set when it has landed.
 */
const PAGES_WRITTEN_ELSEWHERE = new Set(['docs/public-api.md']);

const pageExists = (relPath: string) => existsSync(path.join(ROOT, relPath));

describe('docs: the README and docs/ link up', function () {
  it('starts the README with the two commands CI and users run', function () {
    const lines = readDoc('README.md').split('\n');
    assert.equal(lines[0], '# dataframer-temporal');
    assert.equal(lines[2], '```sh');
    assert.match(lines[3] ?? '', /^npm ci && npm run demo +# /);
    assert.match(lines[4] ?? '', /^npm ci && npm test +# .*"tests: N passed, 0 failed, N skipped"/);
    assert.equal(lines[5], '```');
  });

  it(`keeps the README to at most ${README_MAX_LINES} lines`, function () {
    const lines = readDoc('README.md').trimEnd().split('\n').length;
    assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines`);
  });

  it('makes the anchors GitHub makes', function () {
    assert.equal(githubSlug('Adoption: which existing spec is ours'), 'adoption-which-existing-spec-is-ours');
    assert.equal(githubSlug('One run of `npm run bench`'), 'one-run-of-npm-run-bench');
    assert.equal(githubSlug('Cost as the work grows, and a cluster'), 'cost-as-the-work-grows-and-a-cluster');
    assert.deepEqual([...anchorsOf('# A\n\n```sh\n# not a heading\n```\n\n## A\n')], ['a', 'a-1']);
  });

  it('resolves every relative link and #anchor of the README and of every page', function () {
    const broken: string[] = [];
    let checked = 0;
    for (const page of DOC_PATHS) {
      for (const link of relativeLinks(readDoc(page))) {
        checked++;
        const target =
          link.path === '' ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), link.path));
        const where = `${page}: [${link.text}](${link.path}${link.anchor === undefined ? '' : `#${link.anchor}`})`;
        if (!pageExists(target)) {
          if (!PAGES_WRITTEN_ELSEWHERE.has(target)) broken.push(`${where}: no file ${target}`);
          continue;
        }
        if (link.anchor === undefined) continue;
        if (!target.endsWith('.md')) broken.push(`${where}: an anchor into a file that is not Markdown`);
        else if (!anchorsOf(readDoc(target)).has(link.anchor)) broken.push(`${where}: ${target} has no such heading`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(checked > 60, `only ${checked} links found: the link parser is broken`);
  });

  it('links every page under docs/ from the README', function () {
    const linked = new Set(relativeLinks(readDoc('README.md')).map((link) => path.posix.normalize(link.path)));
    const pages = DOC_PATHS.filter((page) => page !== 'README.md');
    assert.ok(pages.length >= 12, `docs/ has ${pages.length} pages`);
    assert.deepEqual(
      pages.filter((page) => !linked.has(page)),
      [],
    );
    for (const page of PAGES_WRITTEN_ELSEWHERE) assert.ok(linked.has(page), `the README's map names ${page}`);
  });

  it("opens every page with a paragraph of what it covers that links back to the README's map", function () {
    assert.ok(anchorsOf(readDoc('README.md')).has('documentation'), 'the README has its map');
    for (const page of DOC_PATHS.filter((doc) => doc !== 'README.md')) {
      const [title, blank, ...rest] = readDoc(page).split('\n');
      assert.match(title ?? '', /^# \S/, `${page} starts with its title`);
      assert.equal(blank, '', page);
      const paragraph = rest.slice(0, rest.indexOf('')).join(' ');
      assert.ok(!paragraph.startsWith('#') && paragraph.length > 80, `${page} opens with a paragraph: ${paragraph}`);
      assert.ok(paragraph.includes('(../README.md#documentation)'), `${page}'s first paragraph links to the map`);
    }
  });
});
