// `pnpm run demo` (or `pnpm --filter ./examples/quickstart run start`): the quickstart, with its database in a
// temporary directory that is removed at the end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runQuickstart } from './quickstart.ts';

const dir = await mkdtemp(join(tmpdir(), 'hrsync-quickstart-'));
// On a terminal, progress is one line rewritten in place.
const status = process.stdout.isTTY ? (text: string) => process.stdout.write(`\r\x1b[K${text}`) : undefined;
try {
  await runQuickstart({
    databasePath: join(dir, 'app.sqlite'),
    print: (line) => console.log(line),
    status,
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
