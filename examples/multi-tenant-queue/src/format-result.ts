import { VENDOR_BUDGETS, type VendorId } from './budgets.ts';
import { SYNC_INTERVAL_MS } from './config.ts';
import type { DemoResult } from './run-demo.ts';

const NAMES: Record<VendorId, string> = { trinet: 'TriNet', peoplehr: 'People HR', zenefits: 'Zenefits' };
const int = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const window = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000} min` : secs(ms));

/** True when the run passed: no overlap, no budget exceeded, every healthy company synced, no timeout. */
export function demoPassed(result: DemoResult): boolean {
  return (
    result.overlaps === 0 && !result.budgetExceeded && !result.timedOut && result.completed === result.healthy
  );
}

/** The demo's report, line by line. */
export function formatResult(result: DemoResult): string[] {
  const { config, companies, jobs } = result;
  const lines: string[] = [];
  lines.push(
    `hrsync multi-tenant queue demo: ${int(companies.total)} companies (${int(companies.byVendor.trinet)} TriNet, ` +
      `${int(companies.byVendor.peoplehr)} People HR, ${int(companies.byVendor.zenefits)} Zenefits; ` +
      `${companies.minSize}–${int(companies.maxSize)} people each, ${int(companies.people)} in all), ` +
      `${config.workers} worker processes on BullMQ over Redis`,
  );
  lines.push(
    `time compressed ${config.timeScale}×: the ${window(SYNC_INTERVAL_MS)} interval runs every ` +
      `${secs(SYNC_INTERVAL_MS / config.timeScale)}, and every budget window is divided by ${config.timeScale} ` +
      `with the same limits (the real values are the defaults in src/config.ts and src/budgets.ts; TIME_SCALE=1 runs them)`,
  );
  lines.push('');
  lines.push(
    `companies synced: ${int(result.synced)} of ${int(companies.total)} ` +
      `(${int(result.completed)} of ${int(result.healthy)} healthy companies synced ${config.rounds}+ times; ` +
      `${result.syncs} syncs in all)`,
  );
  lines.push(
    `jobs failed and recovered: ${int(jobs.recovered)} (${int(jobs.failedAttempts)} failed attempts, retried with ` +
      `exponential backoff); jobs failed for good: ${int(jobs.failedFinal)}` +
      (result.revoked.total > 0
        ? ` (from ${result.revoked.failedForGood} of the ${result.revoked.total} companies with revoked credentials: ` +
          `${result.revoked.codes.join(', ') || 'none'}, not retried; an admin must paste new ones)`
        : ''),
  );
  lines.push(
    `"Sync now" clicks: ${result.manualClicks.clicks} → ${result.manualClicks.jobs} jobs (deduplicated); ` +
      `manual syncs deferred behind a running one: ${jobs.manualDeferred}; scheduled runs skipped because the ` +
      `company was already syncing: ${jobs.skippedScheduled}; jobs held back by the rate limiter: ${jobs.rateLimited}`,
  );
  lines.push(
    'highest request rate each vendor fake saw, against its budget (any window, counted on arrival):',
  );
  for (const t of result.traffic) {
    const real = VENDOR_BUDGETS[t.vendor];
    const ok = t.shared.maxSeen <= t.shared.limit && t.perKey.maxSeen <= t.perKey.limit;
    lines.push(
      `  ${NAMES[t.vendor].padEnd(9)} platform ${String(t.shared.maxSeen).padStart(4)}/${t.shared.limit} per ` +
        `${window(t.shared.windowMs)} (real: ${real.shared.limit}/${window(real.shared.windowMs)}), ` +
        `per credential ${String(t.perKey.maxSeen).padStart(3)}/${t.perKey.limit} per ${window(t.perKey.windowMs)}; ` +
        `${int(t.requests)} requests, ${t.faults} faults injected ${ok ? 'ok' : 'EXCEEDED'}`,
    );
  }
  lines.push(`overlapping runs of one company: ${result.overlaps}`);
  lines.push(`wall time: ${secs(result.wallMs)}${result.timedOut ? ' (TIMED OUT)' : ''}`);
  lines.push(demoPassed(result) ? 'result: ok' : 'result: FAILED');
  return lines;
}
