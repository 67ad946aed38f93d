// The fault campaign (see src/fault-campaign.ts). CI runs a small campaign with the normal suite; `pnpm test:faults`
// runs the full one (FAULT_CAMPAIGN=full: 200 runs of a 1,000-person roster per adapter). FAULT_RUNS, FAULT_ROSTER
// and FAULT_SEED override either size.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_ADAPTERS } from '../src/adapters.ts';
import { createLeakSink } from '../src/credentials.ts';
import {
  type CampaignBaseline,
  createBaseline,
  type FaultCampaignRow,
  formatCampaignTable,
  runFaultCampaign,
  runFaulty,
  scriptedRun,
} from '../src/fault-campaign.ts';

const FULL = process.env.FAULT_CAMPAIGN === 'full';
const RUNS = Number(process.env.FAULT_RUNS ?? (FULL ? 200 : 20));
const SIZE = Number(process.env.FAULT_ROSTER ?? (FULL ? 1000 : 1000));
const SEED = Number(process.env.FAULT_SEED ?? 20_250_101);
const ROOT = join(import.meta.dirname, '..', '..', '..');

const sink = createLeakSink();
const rows: FaultCampaignRow[] = [];

afterAll(() => {
  if (rows.length > 0) {
    const table = formatCampaignTable(rows);
    console.log(`\nfault campaign (${FULL ? 'full' : 'CI'} size, seed ${SEED}):\n${table}\n`);
    mkdirSync(join(ROOT, '.reports'), { recursive: true });
    writeFileSync(
      join(ROOT, '.reports', `fault-campaign${FULL ? '' : '-ci'}.json`),
      `${JSON.stringify({ mode: FULL ? 'full' : 'ci', seed: SEED, rows }, null, 2)}\n`,
    );
  }
  // Every error, log line, plan and report of every run was scanned as it came.
  sink.assertClean();
});

describe.each(SOURCE_ADAPTERS)('fault campaign: $id', (adapter) => {
  it(
    `${RUNS} faulty syncs of ${SIZE} people: same plan, clean failure or incomplete; never a wrong plan or archive`,
    async () => {
      const row = await runFaultCampaign(adapter, { runs: RUNS, size: SIZE, seed: SEED, sink });
      rows.push(row);
      expect(row.problems, row.problems.join('\n')).toEqual([]);
      expect(row.wrongPlans).toBe(0);
      expect(row.wrongfulArchives).toBe(0);
      expect(row.uncleanFailures).toBe(0);
      expect(row.runs).toBe(RUNS);
      expect(row.recovered + row.failedCleanly + row.incomplete).toBe(RUNS);
      // A campaign that injects nothing, or never recovers, proves nothing.
      expect(row.faultsInjected).toBeGreaterThanOrEqual(RUNS);
      expect(row.recovered).toBeGreaterThan(0);
    },
    // Generous: a run is ~0.1 s; injected timeouts wait 0.15 s per attempt.
    Math.max(60_000, RUNS * SIZE * 2),
  );
});

describe('fault campaign: reproducible', () => {
  it('the same seed injects the same faults and ends each run the same way', async () => {
    const runs = (seed: number) => {
      const out: unknown[] = [];
      return runFaultCampaign(SOURCE_ADAPTERS[0]!, {
        runs: 6,
        size: 200,
        seed,
        sink,
        onRun: ({ outcome, faults, code }) => out.push({ outcome, faults, code }),
      }).then(() => out);
    };
    const [a, b, c] = [await runs(7), await runs(7), await runs(8)];
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});

// Deterministic scenarios next to the random ones: the last roster request fails for good (after all retries), so a
// read is short by one page, under the 20% archive limit: only the incomplete-read guard stands between it and
// archiving a page of people.
describe.each(SOURCE_ADAPTERS)('fault campaign, targeted: $id', (adapter) => {
  let baseline: CampaignBaseline;
  let lastPage: RegExp;
  beforeAll(async () => {
    baseline = await createBaseline(adapter, { size: 1000, seed: SEED, sink, leavers: true });
    const rosterKeys = baseline.requestKeys.filter((k) => /employees|\/core\/people|\/Employee/i.test(k));
    const key = rosterKeys.at(-1) as string;
    lastPage = new RegExp(`^${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  }, 60_000);

  it.each([
    ['503', { type: 'status', status: 503 }],
    ['malformed', { type: 'malformed' }],
    ['truncate', { type: 'truncate' }],
    ['disconnect', { type: 'disconnect' }],
  ] as const)('the last roster request failing for good (%s) archives nobody', async (label, fault) => {
    const result = await runFaulty(adapter, baseline, scriptedRun(lastPage, fault, label), {
      sink,
      timeoutMs: 150,
      name: `last page ${label}`,
    });
    expect(result.problem).toBeUndefined();
    expect(result.wrongfulArchives).toBe(0);
    expect(['incomplete', 'failed-cleanly']).toContain(result.outcome);
    expect(result.faults[label]).toBeGreaterThan(0);
  });
});
