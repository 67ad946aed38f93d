import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExample } from './run-example.ts';

// A fresh state file per run, so every run starts from an empty &frankly; pass a path to keep one between runs.
const stateFile =
  process.argv[2] ?? join(await mkdtemp(join(tmpdir(), 'hrsync-trinet-to-frankly-')), 'frankly-state.json');
await runExample({ stateFile, print: (line) => console.log(line) });
