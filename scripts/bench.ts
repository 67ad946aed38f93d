// Runs every benchmark script (packages/*/bench/*.bench.ts, examples/*/bench/*.bench.ts) in order, each as a
// standalone Node process against source, and fails if any of them fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const benchFile = /\.bench\.(ts|mts|js|mjs)$/;

const files: string[] = [];
for (const group of ['packages', 'examples']) {
  const groupDir = join(root, group);
  if (!existsSync(groupDir)) continue;
  for (const name of readdirSync(groupDir).sort()) {
    const benchDir = join(groupDir, name, 'bench');
    if (!existsSync(benchDir)) continue;
    for (const file of readdirSync(benchDir).sort()) {
      if (benchFile.test(file)) files.push(join(benchDir, file));
    }
  }
}

if (files.length === 0) {
  console.log('no benchmarks yet');
  process.exit(0);
}

const failed: string[] = [];
for (const file of files) {
  const rel = relative(root, file);
  console.log(`\n=== ${rel}`);
  const result = spawnSync(process.execPath, ['--conditions=@hrsync/source', file], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed.push(rel);
}

console.log(`\nbench: ${files.length - failed.length} of ${files.length} passed`);
for (const rel of failed) console.log(`  failed: ${rel}`);
process.exitCode = failed.length > 0 ? 1 : 0;
