import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

describe('README test command', () => {
  it('is one command in a sh block between the test-command markers', () => {
    const block = /^<!-- test-command -->\n```sh\n(.+)\n```\n<!-- \/test-command -->$/m.exec(
      read('README.md'),
    );
    expect(block, 'README.md lost its <!-- test-command --> block').not.toBeNull();
    expect(block?.[1]).toMatch(/\brun test\b/);
  });

  it('is exactly what .ci/run extracts and runs', () => {
    const block = /^<!-- test-command -->\n```sh\n(.+)\n```\n<!-- \/test-command -->$/m.exec(
      read('README.md'),
    );
    const extracted = execFileSync('bash', [join(root, '.ci/run'), '--print-test-command'], {
      encoding: 'utf8',
    });
    expect(extracted.trim()).not.toBe('');
    expect(extracted.trim()).toBe(block?.[1]);
  });
});

describe('pnpm-lock.yaml', () => {
  it('holds no URL', () => {
    expect(read('pnpm-lock.yaml')).not.toMatch(/https?:\/\//);
  });
});
