// The README and the pages under docs/, as the docs tests read them: the text outside code, the code
// blocks and spans, table rows, links and the anchors GitHub gives headings.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

/** README.md and every page under docs/, as paths relative to the repository. */
export const DOC_PATHS: readonly string[] = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`),
];

/** A page's text; `relPath` relative to the repository. */
export function readDoc(relPath: string): string {
  return readFileSync(path.join(ROOT, relPath), 'utf8');
}

const FENCE = /^```/;

/** One fenced code block: its language tag and its lines. */
export interface CodeBlock {
  lang: string;
  text: string;
}

/** The fenced code blocks of a page, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  let open: { lang: string; lines: string[] } | undefined;
  for (const line of markdown.split('\n')) {
    if (open === undefined) {
      if (FENCE.test(line)) open = { lang: line.slice(3).trim(), lines: [] };
    } else if (FENCE.test(line)) {
      blocks.push({ lang: open.lang, text: open.lines.join('\n') });
      open = undefined;
    } else open.lines.push(line);
  }
  return blocks;
}

/** The page with its fenced blocks blanked (lines kept, so line numbers hold). */
export function withoutCodeBlocks(markdown: string): string {
  let inside = false;
  return markdown
    .split('\n')
    .map((line) => {
      const fence = FENCE.test(line);
      const blank = inside || fence;
      if (fence) inside = !inside;
      return blank ? '' : line;
    })
    .join('\n');
}

/** The inline code spans outside fenced blocks (`like this`). */
export function codeSpans(markdown: string): string[] {
  return [...withoutCodeBlocks(markdown).matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');
}

/** The prose: no fenced blocks and no code spans (a link or heading inside code is not one). */
export function prose(markdown: string): string {
  return withoutCodeBlocks(markdown).replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
}

/** The first table row whose start matches `firstCells`. */
export function tableRow(markdown: string, firstCells: RegExp): string | undefined {
  return markdown.split('\n').find((line) => firstCells.test(line));
}

/** GitHub's anchor for a heading's text: lower case, punctuation dropped, each space a hyphen. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor a page's headings give, with GitHub's `-1`, `-2` for repeated headings. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of withoutCodeBlocks(markdown).split('\n')) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const slug = githubSlug(heading[1] ?? '');
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** A link of a page that stays in the repository: its target path (empty for the page itself) and anchor. */
export interface RelativeLink {
  text: string;
  path: string;
  anchor: string | undefined;
}

/** The page's links that are not to another site (`[text](target)`, outside code). */
export function relativeLinks(markdown: string): RelativeLink[] {
  return [...prose(markdown).matchAll(/\[([^\]]*)\]\(([^)\s]+)\)/g)]
    .map((match) => ({ text: match[1] ?? '', target: match[2] ?? '' }))
    .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
    .map(({ text, target }) => {
      const [linkPath = '', anchor] = target.split('#', 2);
      return { text, path: linkPath, anchor };
    });
}
