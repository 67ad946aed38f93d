import { type ChildProcess, fork, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { VENDORS, type VendorId } from './budgets.ts';
import { type DemoConfig, SYNC_INTERVAL_MS } from './config.ts';
import {
  queueName,
  type SyncJobData,
  type SyncJobResult,
  scheduleCompanySync,
  triggerManualSync,
} from './queues.ts';
import { type RunningRedis, startRedisServer } from './redis-server.ts';
import { FAILED_KEY, STATS_KEY, SUCCESSES_KEY } from './sync-worker.ts';
import { createTenants, type Tenant } from './tenants.ts';
import type { FakeProcessMessage } from './vendor-fake-main.ts';
import type { VendorTraffic } from './vendor-fakes.ts';

/** The figures of one demo run. */
export interface DemoResult {
  config: DemoConfig;
  companies: {
    total: number;
    byVendor: Record<VendorId, number>;
    people: number;
    minSize: number;
    maxSize: number;
  };
  /** Companies with at least one successful sync. */
  synced: number;
  /** Healthy companies (credentials not revoked) that reached `config.rounds` successful syncs. */
  completed: number;
  healthy: number;
  /** Companies with revoked credentials, and how many of them failed for good as they should. */
  revoked: { total: number; failedForGood: number; codes: string[] };
  syncs: number;
  jobs: {
    failedAttempts: number;
    recovered: number;
    failedFinal: number;
    skippedScheduled: number;
    manualDeferred: number;
    rateLimited: number;
  };
  manualClicks: { clicks: number; jobs: number };
  traffic: VendorTraffic[];
  budgetExceeded: boolean;
  overlaps: number;
  timedOut: boolean;
  wallMs: number;
}

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  print?: ((line: string) => void) | undefined;
  /** A Redis to use instead of starting one (only the demo's own keys are touched). */
  redisUrl?: string | undefined;
}

const WORKER_MAIN = fileURLToPath(new URL('./worker-main.ts', import.meta.url));
const FAKE_MAIN = fileURLToPath(new URL('./vendor-fake-main.ts', import.meta.url));

interface FakeProcesses {
  urls: Record<VendorId, string>;
  traffic(): Promise<VendorTraffic[]>;
  close(): Promise<void>;
}

/** Forks one process per vendor fake (see vendor-fake-main.ts) and waits until each listens. */
async function startFakeProcesses(config: DemoConfig, print: (line: string) => void): Promise<FakeProcesses> {
  const children = new Map<VendorId, ChildProcess>();
  const urls = {} as Record<VendorId, string>;
  try {
    await Promise.all(
      VENDORS.map(
        (vendor) =>
          new Promise<void>((resolve, reject) => {
            const child = fork(FAKE_MAIN, [], {
              execArgv: ['--conditions=@hrsync/source'],
              env: {
                ...process.env,
                FAKE_VENDOR: vendor,
                COMPANIES: String(config.companies),
                SEED: String(config.seed),
                TIME_SCALE: String(config.timeScale),
              },
              stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
            });
            children.set(vendor, child);
            child.stderr
              ?.setEncoding('utf8')
              .on('data', (chunk: string) => print(`[${vendor} fake] ${chunk.trimEnd()}`));
            child.once('exit', (code) => reject(new Error(`the ${vendor} fake exited with code ${code}`)));
            child.on('message', (message: FakeProcessMessage) => {
              if (message.type === 'ready') {
                urls[vendor] = message.url;
                resolve();
              }
            });
          }),
      ),
    );
  } catch (error) {
    for (const child of children.values()) child.kill();
    throw error;
  }
  return {
    urls,
    traffic: async () =>
      (
        await Promise.all(
          VENDORS.map(
            (vendor) =>
              new Promise<VendorTraffic[]>((resolve) => {
                const child = children.get(vendor) as ChildProcess;
                const onMessage = (message: FakeProcessMessage) => {
                  if (message.type !== 'traffic') return;
                  child.off('message', onMessage);
                  resolve(message.traffic);
                };
                child.on('message', onMessage);
                child.send({ type: 'traffic' });
              }),
          ),
        )
      ).flat(),
    close: async () => {
      await Promise.all(
        [...children.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || !child.connected) {
                resolve();
                return;
              }
              child.removeAllListeners('exit');
              child.once('exit', () => resolve());
              child.send({ type: 'close' });
            }),
        ),
      );
    },
  };
}

async function deleteDemoKeys(redis: Redis): Promise<void> {
  for (const pattern of ['hrsync:*', 'host:company:*', 'bull:hrsync-sync-*']) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
}

function startWorkerProcess(
  index: number,
  env: Record<string, string>,
  print: (line: string) => void,
  verbose: boolean,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--conditions=@hrsync/source', WORKER_MAIN], {
    env: { ...process.env, ...env, WORKER_ID: `worker-${index + 1}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (!ready && line.startsWith('ready ')) {
          ready = true;
          resolve(child);
        } else if (verbose) print(line);
        newline = buffered.indexOf('\n');
      }
    });
    child.stderr
      ?.setEncoding('utf8')
      .on('data', (chunk: string) => print(`[worker-${index + 1}] ${chunk.trimEnd()}`));
    child.once('exit', (code) => {
      if (!ready) reject(new Error(`worker ${index + 1} exited with code ${code} before it was ready`));
    });
  });
}

function stopWorkerProcess(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the multi-tenant demo: Redis on loopback, the vendor fakes on loopback, a producer that gives every company a
 * repeatable sync (a BullMQ job scheduler with a stable id, every 15 minutes of real time) and its first sync by
 * hand, and `config.workers` worker processes. It ends when every healthy company has synced `config.rounds` times
 * (or at the timeout), then reports what the fakes and the workers saw.
 */
export async function runDemo(config: DemoConfig, options: RunDemoOptions = {}): Promise<DemoResult> {
  const print = options.print ?? (() => {});
  const started = performance.now();
  const tenants = createTenants(config.companies, config.seed);
  const everyMs = Math.max(100, Math.round(SYNC_INTERVAL_MS / config.timeScale));

  const redisServer: RunningRedis | undefined =
    options.redisUrl === undefined ? await startRedisServer(print) : undefined;
  const redisUrl = options.redisUrl ?? (redisServer as RunningRedis).url;
  const redis = new Redis(redisUrl);
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  let fakes: FakeProcesses | undefined;
  const queues = new Map<VendorId, Queue<SyncJobData, SyncJobResult>>();
  const workers: ChildProcess[] = [];
  try {
    fakes = await startFakeProcesses(config, print);
    await deleteDemoKeys(redis);
    for (const vendor of VENDORS) queues.set(vendor, new Queue(queueName(vendor), { connection }));
    const queueOf = (tenant: Tenant) => queues.get(tenant.vendor) as Queue<SyncJobData, SyncJobResult>;

    // The producer: one job scheduler per company (idempotent: same id every time), and the first sync by hand.
    for (const tenant of tenants) {
      await scheduleCompanySync(queueOf(tenant), tenant.id, { everyMs, timeScale: config.timeScale });
      await triggerManualSync(queueOf(tenant), tenant.id, config.timeScale);
    }

    const env: Record<string, string> = {
      REDIS_URL: redisUrl,
      TRINET_URL: fakes.urls.trinet,
      PEOPLEHR_URL: fakes.urls.peoplehr,
      ZENEFITS_URL: fakes.urls.zenefits,
      COMPANIES: String(config.companies),
      SEED: String(config.seed),
      CONCURRENCY: String(config.concurrency),
      TIME_SCALE: String(config.timeScale),
      WINDOW_MARGIN: String(config.windowMargin),
      WINDOW_MARGIN_MS: String(config.windowMarginMs),
      VERBOSE: config.verbose ? '1' : '0',
    };
    for (let i = 0; i < config.workers; i++)
      workers.push(await startWorkerProcess(i, env, print, config.verbose));

    // Halfway through the first interval, the admins of every 20th company click "Sync now" three times.
    const clickers = tenants.filter((_, i) => i % 20 === 10 && !tenants[i]?.revoked);
    let clicks = 0;
    const clickJobs = new Set<string>();
    const clicking = (async () => {
      await sleep(everyMs / 2);
      for (let round = 0; round < 3; round++) {
        for (const tenant of clickers) {
          clicks++;
          const id = await triggerManualSync(queueOf(tenant), tenant.id, config.timeScale);
          if (id !== undefined) clickJobs.add(`${tenant.id}:${id}`);
        }
      }
    })();

    const healthy = tenants.filter((t) => !t.revoked);
    const revoked = tenants.filter((t) => t.revoked);
    let timedOut = false;
    let completed = 0;
    for (;;) {
      const successes = await redis.hgetall(SUCCESSES_KEY);
      const failed = await redis.hgetall(FAILED_KEY);
      completed = healthy.filter((t) => Number(successes[t.id] ?? 0) >= config.rounds).length;
      const revokedDone = revoked.every((t) => failed[t.id] !== undefined);
      if (completed === healthy.length && revokedDone) break;
      if (performance.now() - started > config.timeoutMs) {
        timedOut = true;
        break;
      }
      await sleep(200);
    }
    await clicking;

    // Graceful shutdown: every worker finishes its syncs in progress, then the figures are final.
    await Promise.all(workers.map((w) => stopWorkerProcess(w, 30_000)));
    const stats = await redis.hgetall(STATS_KEY);
    const successes = await redis.hgetall(SUCCESSES_KEY);
    const failed = await redis.hgetall(FAILED_KEY);
    const n = (field: string) => Number(stats[field] ?? 0);
    const traffic = await fakes.traffic();
    const byVendor = { trinet: 0, peoplehr: 0, zenefits: 0 } as Record<VendorId, number>;
    for (const t of tenants) byVendor[t.vendor]++;
    const sizes = tenants.map((t) => t.size);
    return {
      config,
      companies: {
        total: tenants.length,
        byVendor,
        people: sizes.reduce((a, b) => a + b, 0),
        minSize: Math.min(...sizes),
        maxSize: Math.max(...sizes),
      },
      synced: tenants.filter((t) => Number(successes[t.id] ?? 0) > 0).length,
      completed,
      healthy: healthy.length,
      revoked: {
        total: revoked.length,
        failedForGood: revoked.filter((t) => failed[t.id] !== undefined).length,
        codes: [...new Set(revoked.map((t) => failed[t.id]).filter((c): c is string => c !== undefined))],
      },
      syncs: n('syncs'),
      jobs: {
        failedAttempts: n('failedAttempts'),
        recovered: n('recovered'),
        failedFinal: n('failedFinal'),
        skippedScheduled: n('skippedScheduled'),
        manualDeferred: n('manualDeferred'),
        rateLimited: n('rateLimitedJobs'),
      },
      manualClicks: { clicks, jobs: clickJobs.size },
      traffic,
      budgetExceeded: traffic.some(
        (t) => t.shared.maxSeen > t.shared.limit || t.perKey.maxSeen > t.perKey.limit,
      ),
      overlaps: n('overlaps'),
      timedOut,
      wallMs: performance.now() - started,
    };
  } finally {
    await Promise.all(workers.map((w) => stopWorkerProcess(w, 5_000)));
    if (options.redisUrl !== undefined) {
      for (const queue of queues.values()) await queue.obliterate({ force: true }).catch(() => {});
      await deleteDemoKeys(redis).catch(() => {});
    }
    await Promise.all([...queues.values()].map((q) => q.close()));
    redis.disconnect();
    connection.disconnect();
    await fakes?.close();
    await redisServer?.stop();
  }
}
