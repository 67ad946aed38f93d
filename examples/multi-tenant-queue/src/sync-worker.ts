import { type HrSource, HrSyncError, runSync } from '@hrsync/core';
import { createPeopleHrSource } from '@hrsync/peoplehr';
import { createTrinetSource } from '@hrsync/trinet';
import { createZenefitsSource } from '@hrsync/zenefits';
import { DelayedError, type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { budgetsAt, VENDORS, type VendorId } from './budgets.ts';
import { acquireCompanyLock } from './company-lock.ts';
import { COMPANY_LOCK_MS, type DemoConfig } from './config.ts';
import { queueName, type SyncJobData, type SyncJobResult } from './queues.ts';
import { createRedisHostDestination } from './redis-host-destination.ts';
import { budgetedFetch, createRedisRateBudget, type RedisRateBudget } from './redis-rate-budget.ts';
import type { Tenant } from './tenants.ts';
import { trinetCompanyId } from './vendor-fakes.ts';

/** Where the demo's figures are kept in Redis (written by every worker, read by the orchestrator). */
export const STATS_KEY = 'hrsync:demo:stats';
/** Successful syncs per company. */
export const SUCCESSES_KEY = 'hrsync:demo:successes';
/** The code of the last failure per company that failed for good. */
export const FAILED_KEY = 'hrsync:demo:failed';
const runningKey = (companyId: string) => `hrsync:demo:running:${companyId}`;

/** The Redis keys of a vendor's request budgets. */
export const sharedBudgetKey = (vendor: VendorId) => `hrsync:budget:${vendor}:shared`;
export const keyBudgetKey = (vendor: VendorId, companyId: string) =>
  `hrsync:budget:${vendor}:company:${companyId}`;

/** Options of {@link startSyncWorkers}. */
export interface SyncWorkersOptions {
  redisUrl: string;
  /** Base URL of each vendor (the fakes, here). */
  urls: Record<VendorId, string>;
  tenants: readonly Tenant[];
  config: DemoConfig;
  /** Unique per process; names its budget grants. */
  workerId: string;
  log?: ((line: string) => void) | undefined;
}

/** The workers of one process: one BullMQ worker per vendor queue. */
export interface SyncWorkers {
  /** Waits for the syncs in progress, then disconnects. */
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per vendor queue. Each job runs `runSync()` for one company, in three steps:
 *
 * 1. **Job-level rate limit (BullMQ).** Each vendor queue has BullMQ's limiter: at most `shared limit / requests
 *    per job` jobs start per budget window, across every worker (BullMQ keeps the count in Redis). When the vendor's
 *    request budget is full at that moment anyway (big companies cost more requests than the estimate), the worker
 *    calls `queue.rateLimit(wait)` and throws `RateLimitError`: BullMQ puts the job back and holds the whole queue,
 *    for every worker, until the budget has room.
 * 2. **One run per company.** A Redis lock per company. A scheduled job that finds its company syncing is skipped
 *    (the run in progress is the periodic sync); a manual one is delayed and runs after it (a follow-up).
 * 3. **Request-level budget (Redis).** The source spends a Redis-backed rate budget on every HTTP attempt, retries
 *    included: the vendor's per-credential window and its platform-wide window, shared by every process. This is
 *    the hard guarantee; step 1 only keeps workers from holding jobs the budget cannot serve yet.
 *
 * A failed run is rethrown for BullMQ to retry with backoff; an `HrSyncError` that says it is not retryable (revoked
 * credentials) fails the job at once (`UnrecoverableError`): retrying would not help, an admin must act.
 */
export async function startSyncWorkers(options: SyncWorkersOptions): Promise<SyncWorkers> {
  const { config, urls } = options;
  const log = options.log ?? (() => {});
  const budgets = budgetsAt(config.timeScale);
  const tenants = new Map(options.tenants.map((t) => [t.id, t]));
  // BullMQ needs its own connection with maxRetriesPerRequest: null; app commands use another.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const redis = new Redis(options.redisUrl);

  const budgetOf = (tenant: Tenant): RedisRateBudget =>
    createRedisRateBudget({
      redis,
      clientId: options.workerId,
      margin: config.windowMargin,
      marginMs: config.windowMarginMs,
      windows: [
        { key: keyBudgetKey(tenant.vendor, tenant.id), ...budgets[tenant.vendor].perKey },
        { key: sharedBudgetKey(tenant.vendor), ...budgets[tenant.vendor].shared },
      ],
    });

  const sourceOf = (tenant: Tenant, budget: RedisRateBudget): HrSource => {
    const { key, secret } = tenant.credentials;
    switch (tenant.vendor) {
      case 'trinet':
        return createTrinetSource({
          companyId: trinetCompanyId(tenant),
          clientId: key,
          clientSecret: secret,
          baseUrl: urls.trinet,
          fetch: budgetedFetch(budget),
        });
      case 'peoplehr':
        return createPeopleHrSource({ apiKey: key, baseUrl: urls.peoplehr, rateBudget: budget });
      case 'zenefits':
        return createZenefitsSource({ token: key, baseUrl: urls.zenefits, fetch: budgetedFetch(budget) });
    }
  };

  const stat = (field: string, by = 1) => redis.hincrby(STATS_KEY, field, by);

  const workers: Worker<SyncJobData, SyncJobResult>[] = [];
  const queues: Queue<SyncJobData, SyncJobResult>[] = [];
  for (const vendor of VENDORS) {
    const budget = budgets[vendor];
    const queue = new Queue<SyncJobData, SyncJobResult>(queueName(vendor), { connection });
    queues.push(queue);
    const sharedOnly = createRedisRateBudget({
      redis,
      clientId: options.workerId,
      margin: config.windowMargin,
      marginMs: config.windowMarginMs,
      windows: [{ key: sharedBudgetKey(vendor), ...budget.shared }],
    });

    const processor = async (
      job: Job<SyncJobData, SyncJobResult>,
      token?: string,
      signal?: AbortSignal,
    ): Promise<SyncJobResult> => {
      const tenant = tenants.get(job.data.companyId);
      if (!tenant) throw new UnrecoverableError(`unknown company ${job.data.companyId}`);

      // 1. The vendor's budget is full right now: hold this vendor's queue for every worker until it has room.
      const wait = await sharedOnly.peek();
      if (wait > 0) {
        await stat('rateLimitedJobs');
        await queue.rateLimit(wait);
        throw Worker.RateLimitError();
      }

      // 2. One run per company.
      const lock = await acquireCompanyLock(redis, tenant.id, COMPANY_LOCK_MS);
      if (!lock) {
        if (job.data.trigger === 'schedule') {
          await stat('skippedScheduled');
          return { companyId: tenant.id, skipped: 'a sync of this company was already running' };
        }
        await stat('manualDeferred');
        await job.moveToDelayed(Date.now() + Math.max(50, Math.round(2000 / config.timeScale)), token);
        throw new DelayedError();
      }
      try {
        const running = await redis.incr(runningKey(tenant.id));
        if (running > 1) await stat('overlaps');
        try {
          // 3. The sync itself, spending the Redis budget on every request.
          const report = await runSync({
            source: sourceOf(tenant, budgetOf(tenant)),
            destination: createRedisHostDestination(redis, tenant.id),
            signal,
          });
          await stat('syncs');
          await redis.hincrby(SUCCESSES_KEY, tenant.id, 1);
          if (job.attemptsMade > 0) await stat('recovered');
          const { creates, updates, archives, issues } = report.plan.summary;
          return { companyId: tenant.id, creates, updates, archives, issues };
        } finally {
          await redis.decr(runningKey(tenant.id));
        }
      } catch (error) {
        await stat('failedAttempts');
        const code = HrSyncError.is(error) ? error.code : 'UNKNOWN';
        const retryable = HrSyncError.is(error) ? error.retryable : true;
        const last = !retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        log(
          `${tenant.id} (${tenant.vendor}) attempt ${job.attemptsMade + 1} failed: ${code}${last ? ', for good' : ''}`,
        );
        if (last) {
          await stat('failedFinal');
          await redis.hset(FAILED_KEY, tenant.id, code);
        }
        if (!retryable)
          throw new UnrecoverableError(`${code}: ${error instanceof Error ? error.message : ''}`);
        throw error;
      } finally {
        await lock.release();
      }
    };

    const worker = new Worker<SyncJobData, SyncJobResult>(queueName(vendor), processor, {
      connection,
      concurrency: config.concurrency,
      limiter: {
        max: Math.max(1, Math.floor(budget.shared.limit / budget.requestsPerJob)),
        duration: budget.shared.windowMs,
      },
    });
    worker.on('error', (error) => log(`worker error (${vendor}): ${error.message}`));
    workers.push(worker);
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(queues.map((q) => q.close()));
      redis.disconnect();
      connection.disconnect();
    },
  };
}
