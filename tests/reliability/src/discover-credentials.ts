/**
 * Finds the credentials the whole repository's tests use, so the leak check covers more than this package's own:
 * string literals assigned to credential-named fields and constants (`apiKey: '…'`, `const SECRET = '…'`,
 * `clientSecret ?? '…'` defaults of the fakes) in test files, fakes and examples.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository root. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');

const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage', '.reports', '.bench', 'api']);

/** Every file under `dir` (relative to the root) whose name passes `accept`, skipping build and dependency folders. */
export function listFiles(dir: string, accept: (path: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    let entries: string[];
    try {
      entries = readdirSync(abs);
    } catch {
      return;
    }
    for (const name of entries) {
      if (SKIP_DIRS.has(name)) continue;
      const path = join(abs, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (accept(path)) out.push(relative(ROOT, path));
    }
  };
  walk(join(ROOT, dir));
  return out.sort();
}

// A credential-named field, constant or parameter, then `:`, `=` or `??`, then a string literal.
const ASSIGNMENT =
  /\b(?:[A-Za-z_]*(?:api_?key|apikey|token|secret|password|passwd|client_?id|key))\b\s*(?::|=|\?\?)\s*(['"`])([^'"`$\\\s]{8,200})\1/gi;
// Literals that are not credentials although a credential-named field holds them.
const NOT_A_CREDENTIAL =
  /^(?:authorization|bearer|basic|client_credentials|application\/json|x-api-key|refresh_token|access_token|undefined)$/i;

/** A credential found in a source file. */
export interface FoundCredential {
  value: string;
  /** Where it was first seen. */
  file: string;
}

/** The folders whose sources hold test credentials: tests, fakes, examples, the testkit. */
export const CREDENTIAL_SOURCES = ['packages', 'examples', 'tests'] as const;

/**
 * Scans test files, fakes (`src/testing`), the testkit and the examples for credential literals. Returns each value
 * once, with the first file it was seen in.
 */
export function discoverTestCredentials(): FoundCredential[] {
  const isSource = (path: string) =>
    /\.(?:ts|mts|js|mjs)$/.test(path) &&
    (/[/\\]test[/\\]/.test(path) ||
      /[/\\]testing[/\\]/.test(path) ||
      /packages[/\\]testkit[/\\]src[/\\]/.test(path) ||
      /examples[/\\]/.test(path) ||
      /tests[/\\]/.test(path));
  const found = new Map<string, string>();
  for (const dir of CREDENTIAL_SOURCES) {
    for (const file of listFiles(dir, isSource)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(ASSIGNMENT)) {
        const value = match[2] as string;
        // A `uniqueKey` is an id; `a:b:c` values are cache or queue keys.
        if (NOT_A_CREDENTIAL.test(value) || value.includes(':') || /unique_?key/i.test(match[0])) continue;
        if (!found.has(value)) found.set(value, file);
      }
    }
  }
  return [...found].map(([value, file]) => ({ value, file }));
}
