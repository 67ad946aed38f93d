// Run with `pnpm --filter ./examples/peoplehr-webhook run start`: a People HR webhook receiver on node:http, fed by
// the fake People HR, printing the one-person plan each event makes. It stops by itself after the demo events.
import { runExample } from './run-example.ts';

await runExample({ print: (line) => console.log(line) });
