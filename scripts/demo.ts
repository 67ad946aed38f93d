// The demo is the TriNet quickstart example; until it exists, say so instead of failing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

if (!existsSync(join(root, 'examples/quickstart/package.json'))) {
  console.log(
    'The hrsync demo arrives with @hrsync/trinet: a TriNet fake, a sync plan and a small host database.',
  );
  console.log('Nothing to run yet. Meanwhile, `pnpm run test` runs the test suite.');
  process.exit(0);
}

const result = spawnSync('pnpm', ['--filter', './examples/quickstart', 'run', 'start'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.error)
  console.error(`Could not start pnpm (run this as \`pnpm run demo\`): ${result.error.message}`);
process.exitCode = result.status ?? 1;
