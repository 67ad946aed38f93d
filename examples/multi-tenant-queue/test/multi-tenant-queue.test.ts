import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_CONFIG } from '../src/config.ts';
import { demoPassed, formatResult } from '../src/format-result.ts';
import { hasRedisServer } from '../src/redis-server.ts';
import { runDemo } from '../src/run-demo.ts';

// The demo needs a real Redis: redis-server on the PATH (CI installs the OS package), or REDIS_URL. Without one, the
// test is skipped, saying so, rather than failing on a machine that cannot run it.
const redisUrl = process.env.REDIS_URL || undefined;
const canRun = redisUrl !== undefined || hasRedisServer();
const reason = 'redis-server is not installed (apt-get install -y redis-server) and REDIS_URL is not set';

describe('examples/multi-tenant-queue', () => {
  it.skipIf(!canRun)(
    `60 companies through two worker processes: no overlap, no budget exceeded, failures retried${canRun ? '' : ` (skipped: ${reason})`}`,
    async () => {
      const lines: string[] = [];
      const result = await runDemo(
        { ...DEFAULT_DEMO_CONFIG, companies: 60, timeoutMs: 100_000 },
        { print: (line) => lines.push(line), redisUrl },
      );
      const report = formatResult(result).join('\n');
      console.log(report); // the figures, in CI's log
      expect(result.timedOut, report).toBe(false);
      expect(result.overlaps, report).toBe(0);
      expect(result.budgetExceeded, report).toBe(false);
      for (const vendor of result.traffic) {
        expect(vendor.requests, report).toBeGreaterThan(0);
        expect(vendor.shared.maxSeen, report).toBeLessThanOrEqual(vendor.shared.limit);
        expect(vendor.perKey.maxSeen, report).toBeLessThanOrEqual(vendor.perKey.limit);
      }
      // Every healthy company synced twice (its first sync by hand, then at least one scheduled one).
      expect(result.completed, report).toBe(result.healthy);
      expect(result.synced, report).toBe(result.healthy);
      // The flaky companies' first attempts failed and their retries recovered them.
      expect(result.jobs.failedAttempts, report).toBeGreaterThan(0);
      expect(result.jobs.recovered, report).toBeGreaterThan(0);
      // Revoked credentials fail for good at once (not retried), with the typed code.
      expect(result.revoked.failedForGood, report).toBe(result.revoked.total);
      expect(result.revoked.codes, report).toEqual(['AUTH_INVALID_CREDENTIALS']);
      // Repeated "Sync now" clicks were deduplicated into fewer jobs.
      expect(result.manualClicks.jobs, report).toBeLessThan(result.manualClicks.clicks);
      expect(demoPassed(result), report).toBe(true);
      expect(report).toContain('overlapping runs of one company: 0');
    },
    120_000,
  );
});
