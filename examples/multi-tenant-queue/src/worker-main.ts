// One worker process: `node --conditions=@hrsync/source src/worker-main.ts`, started by the demo (src/main.ts) with
// its settings in the environment. Run more of them, on more machines, against the same Redis: they share the
// queues, the locks and the budgets.
import { configFromEnv } from './config.ts';
import { startSyncWorkers } from './sync-worker.ts';
import { createTenants } from './tenants.ts';

const env = process.env;
const required = (name: string): string => {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const config = configFromEnv(env);
const workerId = env.WORKER_ID ?? `worker-${process.pid}`;
const workers = await startSyncWorkers({
  redisUrl: required('REDIS_URL'),
  urls: {
    trinet: required('TRINET_URL'),
    peoplehr: required('PEOPLEHR_URL'),
    zenefits: required('ZENEFITS_URL'),
  },
  tenants: createTenants(config.companies, config.seed),
  config,
  workerId,
  log: config.verbose ? (line) => console.log(`[${workerId}] ${line}`) : undefined,
});
console.log(`ready ${workerId}`);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  // Graceful: BullMQ waits for the syncs in progress, then the process exits.
  workers.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
