// The demo: `pnpm start` (500 companies), or `COMPANIES=60 pnpm start` for the CI size. Starts Redis and the vendor
// fakes on loopback, two worker processes, and prints what happened. Exits non-zero on any overlapping run, any
// budget exceeded, or a company left unsynced.
import { configFromEnv } from './config.ts';
import { demoPassed, formatResult } from './format-result.ts';
import { runDemo } from './run-demo.ts';

const config = configFromEnv();
const result = await runDemo(config, {
  print: (line) => console.log(line),
  redisUrl: process.env.REDIS_URL || undefined,
});
for (const line of formatResult(result)) console.log(line);
process.exit(demoPassed(result) ? 0 : 1);
