import type { JobsOptions, Queue } from 'bullmq';
import type { VendorId } from './budgets.ts';
import { JOB_ATTEMPTS, JOB_BACKOFF_MS } from './config.ts';

/** What a sync job carries: the company, and what started it. Never credentials: Redis keeps job data in clear. */
export interface SyncJobData {
  companyId: string;
  trigger: 'schedule' | 'manual';
}

/** What a sync job returns (kept by BullMQ with the completed job). */
export interface SyncJobResult {
  companyId: string;
  skipped?: string;
  creates?: number;
  updates?: number;
  archives?: number;
  issues?: number;
}

/** One queue per vendor, so that each vendor's BullMQ rate limiter and budget apply to its jobs only. */
export const queueName = (vendor: VendorId) => `hrsync-sync-${vendor}`;

/** The job scheduler of a company: one per company, upserted with the same id on every deploy. */
export const schedulerIdOf = (companyId: string) => `sync:${companyId}`;

/** The deduplication id of a company's manual syncs. */
export const manualDedupIdOf = (companyId: string) => `manual:${companyId}`;

/** Retries with exponential backoff (30 s, 60 s, 120 s in real time), and bounded history. */
export function syncJobOptions(timeScale: number): JobsOptions {
  return {
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: Math.max(1, Math.round(JOB_BACKOFF_MS / timeScale)) },
    removeOnComplete: { count: 2000 },
    removeOnFail: { count: 5000 },
  };
}

/**
 * A stable offset in `[1, every)` from the company id: BullMQ starts a scheduler's runs at `offset` past each
 * multiple of `every`, so ten thousand companies spread evenly over the 15 minutes instead of all firing on the
 * quarter hour, and a company keeps its slot across deploys.
 */
export function scheduleOffsetOf(companyId: string, everyMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < companyId.length; i++) h = Math.imul(h ^ companyId.charCodeAt(i), 16777619) >>> 0;
  return 1 + (h % Math.max(1, everyMs - 1));
}

/**
 * Creates or updates the repeatable sync of one company: a BullMQ job scheduler with a stable id, so that running
 * the producer again (every deploy) never adds a second one.
 */
export async function scheduleCompanySync(
  queue: Queue<SyncJobData, SyncJobResult>,
  companyId: string,
  options: { everyMs: number; timeScale: number },
): Promise<void> {
  await queue.upsertJobScheduler(
    schedulerIdOf(companyId),
    { every: options.everyMs, offset: scheduleOffsetOf(companyId, options.everyMs) },
    { name: 'sync', data: { companyId, trigger: 'schedule' }, opts: syncJobOptions(options.timeScale) },
  );
}

/**
 * "Sync now": adds a manual sync job. Clicks while one is waiting are deduplicated into it (they join it); a click
 * while it runs keeps one follow-up (`keepLastIfActive`), so a change made in the HR system during the run is
 * picked up, and never two at once. Resolves with the job id (the same id for deduplicated clicks).
 */
export async function triggerManualSync(
  queue: Queue<SyncJobData, SyncJobResult>,
  companyId: string,
  timeScale: number,
): Promise<string | undefined> {
  const job = await queue.add(
    'sync',
    { companyId, trigger: 'manual' },
    {
      ...syncJobOptions(timeScale),
      deduplication: { id: manualDedupIdOf(companyId), keepLastIfActive: true },
    },
  );
  return job.id;
}
