import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDocSnippets, extractSnippets, findExcerptMismatch } from '../check-doc-snippets.ts';

const root = join(import.meta.dirname, '..', '..');
const fixtures = mkdtempSync(join(tmpdir(), 'doc-snippets-'));
const outDirs: string[] = [];

afterAll(() => {
  rmSync(fixtures, { recursive: true, force: true });
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes a Markdown fixture and checks it against the real packages, in an output directory of its own. */
function check(name: string, markdown: string) {
  const file = join(fixtures, name);
  writeFileSync(file, markdown);
  const outDir = join(root, `.doc-snippets-test-${process.pid}-${outDirs.length}`);
  outDirs.push(outDir);
  return checkDocSnippets({ root, files: [file], outDir });
}

const fence = '```';

describe('extractSnippets', () => {
  it('takes only ts blocks marked check, with the Markdown line of their first code line', () => {
    const md = [
      '# Title', // 1
      '',
      `${fence}ts`, // 3: shown, not checked
      'not checked at all',
      fence,
      `${fence}ts check`, // 6
      'const a = 1;', // 7
      fence,
      `${fence}sh`,
      'npm install',
      fence,
    ].join('\n');
    const { snippets, problems } = extractSnippets(md, 'guide.md');
    expect(problems).toEqual([]);
    expect(snippets).toEqual([{ file: 'guide.md', line: 7, code: 'const a = 1;', preamble: '' }]);
  });

  it('attaches a hidden preamble to the block right after it', () => {
    const md = [
      '<!-- check-preamble',
      'declare const n: number;',
      '-->',
      `${fence}ts check`,
      'n + 1;',
      fence,
    ].join('\n');
    const [snippet] = extractSnippets(md, 'guide.md').snippets;
    expect(snippet).toMatchObject({
      line: 5,
      code: 'n + 1;',
      preamble: 'declare const n: number;',
      preambleLine: 1,
    });
  });

  it('reports a preamble without its block, and a checked block that is not TypeScript', () => {
    const md = [
      '<!-- check-preamble: declare const n: number; -->',
      'Some prose.',
      `${fence}sh check`,
      'ls',
      fence,
    ].join('\n');
    const { snippets, problems } = extractSnippets(md, 'guide.md');
    expect(snippets).toEqual([]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'a check-preamble must come right before its ```ts check block'],
      [3, 'only ts blocks can be checked, not "sh"'],
    ]);
  });
});

describe('checkDocSnippets', () => {
  it('passes snippets that match the current API of the packages', () => {
    const result = check(
      'good.md',
      [
        `${fence}ts check`,
        "import { planSync } from '@hrsync/core';",
        "import { createTrinetFake } from '@hrsync/trinet/testing';",
        '',
        'const fake = createTrinetFake({ employees: [] });',
        "const snapshot = { source: 'trinet', fetchedAt: '', complete: true, employees: [], issues: [] };",
        'const plan = planSync({ snapshot, current: await loadMyUsers() });',
        'console.log(fake.companyId, plan.summary.creates);',
        fence,
      ].join('\n'),
    );
    expect(result.problems).toEqual([]);
    expect(result.snippets).toHaveLength(1);
  });

  it('fails a snippet that has drifted from the API, naming the Markdown file and line', () => {
    const result = check(
      'broken.md',
      [
        '# A guide', // 1
        '',
        `${fence}ts check`, // 3
        "import { createTrinetSource } from '@hrsync/trinet';", // 4
        '', // 5
        "const source = createTrinetSource({ company: 'CJ6', clientId: 'id', clientSecret: 'secret' });", // 6
        'await source.fetchRoster();', // 7
        fence,
      ].join('\n'),
    );
    expect(result.snippets).toHaveLength(1);
    const found = result.problems.map(
      (p) => `${p.file.split('/').pop()}:${p.line} ${p.message.split('\n')[0]}`,
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^broken\.md:6 TS\d+: .*'company' does not exist/);
    expect(found[1]).toMatch(/^broken\.md:7 TS2339: Property 'fetchRoster' does not exist/);
  });

  it('fails a preamble that does not compile at the preamble line', () => {
    const result = check(
      'preamble.md',
      [
        '<!-- check-preamble',
        'declare const n: NoSuchType;',
        '-->',
        `${fence}ts check`,
        'console.log(n);',
        fence,
      ].join('\n'),
    );
    expect(result.problems.map((p) => [p.line, p.message.slice(0, 6)])).toEqual([[1, 'TS2304']]);
  });
});

describe('quoted blocks (from=)', () => {
  const source = ['const a = 1;', 'const b = 2;', '', 'function f() {', '  return a + b;', '}', ''].join(
    '\n',
  );

  it('finds runs of lines in order, with // ... skipping lines of the file', () => {
    expect(findExcerptMismatch('const a = 1;\nconst b = 2;', source)).toBeUndefined();
    expect(findExcerptMismatch('const a = 1;\n// ...\n  return a + b;\n}', source)).toBeUndefined();
  });

  it('points at the run that is not in the file, or not in that order', () => {
    expect(findExcerptMismatch('const a = 1;\n// ...\n  return a - b;', source)).toBe(2);
    expect(findExcerptMismatch('  return a + b;\n// ...\nconst a = 1;', source)).toBe(2);
    expect(findExcerptMismatch('const a = 1;\nfunction f() {', source)).toBe(0);
  });

  it('fails a quote that no longer matches its file, at the Markdown line', () => {
    const result = check(
      'quotes.md',
      [
        `${fence}ts from=examples/custom-source/src/index.ts`, // 1
        "export { type AcmeSourceOptions, createAcmeSource } from './acme-source.ts';", // 2: as in the file
        fence,
        '',
        `${fence}ts from=examples/custom-source/src/index.ts`, // 5
        "export { createAcmeSource } from './acme-source.ts';", // 6: drifted
        fence,
        `${fence}ts from=no/such/file.ts`, // 8
        'x',
        fence,
      ].join('\n'),
    );
    expect(result.excerpts).toHaveLength(3);
    expect(result.problems.map((p) => [p.line, p.message.split(' ')[0]])).toEqual([
      [6, 'this'],
      [8, 'no/such/file.ts'],
    ]);
  });
});
