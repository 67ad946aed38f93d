import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Application } from 'typedoc';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithBaseline, findMissingExamples, readBaseline } from '../typedoc-require-example.ts';

const dir = mkdtempSync(join(tmpdir(), 'require-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fence = '```';

describe('findMissingExamples', () => {
  it('lists the exported declarations whose TSDoc has no @example, and only those', async () => {
    writeFileSync(
      join(dir, 'index.ts'),
      [
        '/**',
        ' * Has one.',
        ' *',
        ' * @example',
        ` * ${fence}ts`,
        ' * withExample();',
        ` * ${fence}`,
        ' */',
        'export function withExample(): void {}',
        '/** Has none. */',
        'export function withoutExample(): void {}',
        '/** An interface without; its members need none of their own. */',
        'export interface Bare {',
        '  /** A member. */',
        '  a: string;',
        '}',
        '/**',
        ' * A type with one.',
        ' *',
        ' * @example',
        ` * ${fence}ts`,
        " * const t: Typed = 'x';",
        ` * ${fence}`,
        ' */',
        'export type Typed = string;',
        '/** A constant without. */',
        'export const LIMIT = 3;',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', target: 'ES2022', strict: true },
        files: ['index.ts'],
      }),
    );
    const app = await Application.bootstrap({
      entryPoints: [join(dir, 'index.ts')],
      tsconfig: join(dir, 'tsconfig.json'),
      // Not the repository's typedoc.json: one file, resolved on its own, no plugins.
      entryPointStrategy: 'resolve',
      plugin: [],
      projectDocuments: [],
      readme: 'none',
      logLevel: 'None',
    });
    const project = await app.convert();
    expect(project).toBeDefined();
    expect(findMissingExamples(project!)).toEqual([
      '(project): Bare',
      '(project): LIMIT',
      '(project): withoutExample',
    ]);
  });
});

describe('compareWithBaseline', () => {
  it('fails new gaps and stale entries, and groups the allowed ones by owner', () => {
    const baseline = new Map([
      ['@hrsync/core: PlanInput', 'plan'],
      ['@hrsync/core: SyncPlan', 'plan'],
      ['@hrsync/core: Gone', 'plan'],
    ]);
    const report = compareWithBaseline(
      ['@hrsync/core: PlanInput', '@hrsync/core: SyncPlan', '@hrsync/x: New'],
      baseline,
    );
    expect(report.missing).toEqual(['@hrsync/x: New']);
    expect(report.stale).toEqual(['@hrsync/core: Gone']);
    expect(report.allowed).toEqual(
      new Map([['plan', ['@hrsync/core: PlanInput', '@hrsync/core: SyncPlan']]]),
    );
  });

  it('reads the repository baseline: owners mapped to qualified names', () => {
    for (const [name, owner] of readBaseline()) {
      expect(name).toMatch(/^@hrsync\/[a-z]+(\/[a-z]+)?: \w+$/);
      expect(owner).not.toBe('');
    }
  });
});
