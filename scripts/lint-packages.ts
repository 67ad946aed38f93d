// Lints every published workspace package as npm would ship it: publint (strict) on the packed files, and
// attw (esm-only profile) on the types. Run after `pnpm run build`, since both read dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string): string => join(root, 'node_modules', '.bin', name);

interface Check {
  name: string;
  command: string;
  args: string[];
  cwd: string;
}

function run(check: Check): boolean {
  console.log(`\n$ ${check.name} ${check.args.join(' ')}`);
  const result = spawnSync(check.command, check.args, { cwd: check.cwd, stdio: 'inherit' });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

const packagesDir = join(root, 'packages');
const dirs = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
  .map((entry) => join(packagesDir, entry.name))
  .sort();

const failures: string[] = [];
let linted = 0;
for (const dir of dirs) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name: string;
    private?: boolean;
  };
  if (pkg.private) continue;
  linted++;
  const rel = relative(root, dir);
  console.log(`\n=== ${pkg.name} (${rel})`);
  const checks: Check[] = [
    { name: 'publint', command: bin('publint'), args: ['--strict'], cwd: dir },
    { name: 'attw', command: bin('attw'), args: ['--pack', rel, '--profile', 'esm-only'], cwd: root },
  ];
  for (const check of checks) {
    const ok = run(check);
    console.log(`${pkg.name}: ${check.name} ${ok ? 'ok' : 'FAILED'}`);
    if (!ok) failures.push(`${pkg.name}: ${check.name}`);
  }
}

console.log(`\nlint:pkg: ${linted} package(s), ${failures.length} problem(s)`);
for (const failure of failures) console.log(`  failed: ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
