// The plan engine's benchmark: planSync() on 10k, 100k and 1M people (1% changed, 0.5% joiners, 0.5% leavers, a
// real-looking manager tree), against two references run on the same data: the obvious implementation (a Map keyed
// by id and a JSON.stringify comparison per person, no checks) and a floor (one pass reading every field once).
// Median ms, people/s and peak heap beyond the input; figures go to .bench/plan.json and a table.
//
//   node --conditions=@hrsync/source packages/core/bench/plan.bench.ts
//   BENCH_QUICK=1 ...   only 10k and 100k
//   BENCH_STRICT=1 ...  exit 1 when a target is missed
//   BENCH_COLD_JIT=1 ... time each run straight after a forced full GC, with V8's compiled code thrown away (see
//                        settle() below; the method of the first figures, kept to compare)
//
// Each timed run starts after a full GC, one untimed run of the same function on the same data, and a young-generation
// GC: a forced full GC (`gc()`, with any options) throws away V8's optimised code, where the collections V8 starts by
// itself keep it, so timing straight after one measures V8 compiling the code again, which a service that plans
// company after company never pays.
//
// Peak heap is measured in a child process per size: readied the same way, V8's GC tracing is switched on for the one
// planSync() call, and the peak is the largest heap size seen before any collection during the call (or at its end),
// plus the typed arrays the call allocated, which live outside the JS heap.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type CurrentRecord, planSync, type SourceSnapshot, type SyncPlan } from '../src/index.ts';
import { BENCH_NOW, type BenchRoster, generateRoster } from './lib/roster.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SELF = import.meta.filename;
const QUICK = process.env.BENCH_QUICK === '1';
const STRICT = process.env.BENCH_STRICT === '1';
const COLD_JIT = process.env.BENCH_COLD_JIT === '1';
const HEAP_FLAGS = ['--expose-gc', '--max-old-space-size=8192'];
const MB = 1024 * 1024;

/** V8's `gc()`: a full GC, or with `{ type: 'minor' }` a young-generation one. */
type Gc = (options?: { type: 'major' | 'minor' }) => void;

function getGc(): Gc {
  const existing = (globalThis as { gc?: Gc }).gc;
  if (typeof existing === 'function') return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as Gc;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The obvious implementation: a Map keyed by id, a JSON.stringify comparison per person, no checks. */
function obviousPlan(snapshot: SourceSnapshot, current: readonly CurrentRecord[]): number {
  const byId = new Map<string, CurrentRecord>();
  for (const h of current) if (h.sourceId !== undefined) byId.set(h.sourceId, h);
  const seen = new Set<string>();
  const creates: unknown[] = [];
  const updates: unknown[] = [];
  const archives: unknown[] = [];
  for (const e of snapshot.employees) {
    seen.add(e.id);
    const h = byId.get(e.id);
    if (h === undefined) {
      if (e.employmentStatus !== 'terminated') creates.push(e);
      continue;
    }
    if (e.employmentStatus === 'terminated') {
      archives.push(h.hostId);
      continue;
    }
    const { id: _id, ...fields } = e;
    const { hostId: _hostId, sourceId: _sourceId, archived: _archived, ...known } = h;
    if (JSON.stringify(fields) !== JSON.stringify(known)) updates.push({ hostId: h.hostId, employee: e });
  }
  for (const h of current) {
    if (h.sourceId !== undefined && h.archived !== true && !seen.has(h.sourceId)) archives.push(h.hostId);
  }
  return creates.length + updates.length + archives.length;
}

/** The floor: one pass that reads every field of every record once. */
function floorPass(snapshot: SourceSnapshot, current: readonly CurrentRecord[]): number {
  let seen = 0;
  for (const e of snapshot.employees) {
    if (e.id !== undefined) seen++;
    if (e.employeeNumber !== undefined) seen++;
    if (e.firstName !== undefined) seen++;
    if (e.lastName !== undefined) seen++;
    if (e.preferredName !== undefined) seen++;
    if (e.workEmail !== undefined) seen++;
    if (e.personalEmail !== undefined) seen++;
    if (e.workPhone !== undefined) seen++;
    if (e.title !== undefined) seen++;
    if (e.department !== undefined) seen++;
    if (e.location !== undefined) seen++;
    if (e.organization !== undefined) seen++;
    if (e.teams !== undefined) seen++;
    if (e.managerId !== undefined) seen++;
    if (e.employmentStatus !== undefined) seen++;
    if (e.employmentType !== undefined) seen++;
    if (e.startDate !== undefined) seen++;
    if (e.endDate !== undefined) seen++;
    if (e.timezone !== undefined) seen++;
    if (e.custom !== undefined) seen++;
  }
  for (const h of current) {
    if (h.hostId !== undefined) seen++;
    if (h.sourceId !== undefined) seen++;
    if (h.archived !== undefined) seen++;
    if (h.employeeNumber !== undefined) seen++;
    if (h.firstName !== undefined) seen++;
    if (h.lastName !== undefined) seen++;
    if (h.preferredName !== undefined) seen++;
    if (h.workEmail !== undefined) seen++;
    if (h.personalEmail !== undefined) seen++;
    if (h.workPhone !== undefined) seen++;
    if (h.title !== undefined) seen++;
    if (h.department !== undefined) seen++;
    if (h.location !== undefined) seen++;
    if (h.organization !== undefined) seen++;
    if (h.teams !== undefined) seen++;
    if (h.managerId !== undefined) seen++;
    if (h.employmentStatus !== undefined) seen++;
    if (h.employmentType !== undefined) seen++;
    if (h.startDate !== undefined) seen++;
    if (h.endDate !== undefined) seen++;
    if (h.timezone !== undefined) seen++;
    if (h.custom !== undefined) seen++;
  }
  return seen;
}

function plan(roster: BenchRoster): SyncPlan {
  return planSync({
    snapshot: roster.snapshot,
    current: roster.current,
    now: BENCH_NOW,
    sourceName: 'TriNet',
  });
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Readies the heap and the JIT for a timed run of `fn`: a full GC, so that no garbage of an earlier run is collected
 * on the clock; then one untimed run of `fn`, because the forced GC threw V8's compiled code away (a check with
 * `%GetOptimizationStatus` shows it: after any forced full GC the plan's functions are no longer optimised, after
 * V8's own full GCs they still are); then a young-generation GC for that run's garbage, which keeps the code; then
 * a short sleep so that concurrent sweeping is over before the clock starts. With `BENCH_COLD_JIT=1`, only the
 * full GC and the sleep, as the first figures were taken.
 */
function settle(gc: Gc, fn: () => unknown): void {
  gc();
  if (!COLD_JIT) {
    fn();
    gc({ type: 'minor' });
  }
  Atomics.wait(pause, 0, 0, 100);
}

/**
 * Times the engine and both references, interleaved run by run, so that a busy neighbour on a shared machine slows
 * all three alike rather than one of them.
 */
function timeInterleaved(runs: number, fns: readonly (() => unknown)[], gc: Gc): number[][] {
  const out: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < fns.length; k++) {
      settle(gc, fns[k]!);
      const start = performance.now();
      fns[k]!();
      out[k]!.push(performance.now() - start);
    }
  }
  return out;
}

/** Checks the plan does what the generator changed, so a fast wrong engine cannot pass. */
function checkPlan(result: SyncPlan, roster: BenchRoster): void {
  const x = roster.expected;
  const reasons = { terminated: 0, end_date_passed: 0, missing_from_source: 0 };
  for (const a of result.archives) reasons[a.reason]++;
  const problems: string[] = [];
  if (result.creates.length !== x.joiners) problems.push(`creates ${result.creates.length} != ${x.joiners}`);
  if (result.updates.length !== x.updated) problems.push(`updates ${result.updates.length} != ${x.updated}`);
  if (reasons.terminated !== x.terminated)
    problems.push(`terminated ${reasons.terminated} != ${x.terminated}`);
  if (reasons.end_date_passed !== x.endDatePassed) problems.push(`end date ${reasons.end_date_passed}`);
  if (reasons.missing_from_source !== x.gone)
    problems.push(`missing ${reasons.missing_from_source} != ${x.gone}`);
  if (result.blocked !== undefined) problems.push(`blocked: ${result.blocked.code}`);
  if (problems.length > 0)
    throw new Error(`the plan does not match the generated changes: ${problems.join('; ')}`);
}

interface HeapFigures {
  /**
   * Largest memory in use during planSync() above the heap after a full GC with the input loaded: the JS heap's
   * peak plus the typed arrays the call allocated (they live outside the heap).
   */
  peakMb: number;
  /** What the plan itself keeps once it is returned. */
  retainedMb: number;
  /** GCs seen during the call. */
  gcs: number;
}

function measureHeap(size: number): HeapFigures {
  const result = spawnSync(process.execPath, [...process.execArgv, SELF], {
    env: { ...process.env, HRSYNC_PLAN_BENCH_CHILD: String(size) },
    encoding: 'utf8',
    maxBuffer: 64 * MB,
  });
  if (result.status !== 0) throw new Error(`heap child for ${size} failed: ${result.stderr}`);
  let base = Number.NaN;
  let end = Number.NaN;
  let retained = Number.NaN;
  let buffers = 0;
  const before: number[] = [];
  for (const line of result.stdout.split('\n')) {
    const m = /^HEAP (\d+) (\d+) (\d+) (\d+)$/.exec(line);
    if (m) {
      base = Number(m[1]);
      end = Number(m[2]);
      retained = Number(m[3]);
      buffers = Number(m[4]);
      continue;
    }
    // "[pid:0x..]   123 ms: Scavenge 512.3 (530.1) -> 500.2 (531.0) MB, ..."
    const g =
      /ms: (?:Scavenge|Mark-Compact|Mark-Sweep|Minor Mark-Sweep|Mark-sweep)[^0-9]*([\d.]+) \([\d.]+\) -> /.exec(
        line,
      );
    if (g) before.push(Number(g[1]) * MB);
  }
  if (Number.isNaN(base))
    throw new Error(`heap child for ${size} printed no figures:\n${result.stdout.slice(0, 2000)}`);
  const peak = Math.max(end, ...before);
  return { peakMb: (peak - base + buffers) / MB, retainedMb: retained / MB, gcs: before.length };
}

/** Keeps the measured plan alive until its retained size is read. */
const kept: { plan?: SyncPlan } = {};

function runHeapChild(size: number): void {
  const gc = getGc();
  const roster = generateRoster(size);
  // The heap after a full GC with the input loaded, for what the plan keeps; then the untimed run that settle() makes
  // (the forced GC threw the compiled code away), so the measured call is not the JIT's first.
  gc();
  const base = process.memoryUsage().heapUsed;
  settle(gc, () => plan(roster));
  const before = process.memoryUsage();
  setFlagsFromString('--trace-gc');
  kept.plan = plan(roster);
  const after = process.memoryUsage();
  setFlagsFromString('--no-trace-gc');
  gc();
  const retained = process.memoryUsage().heapUsed - base;
  // Typed arrays live outside the JS heap: nothing frees them before the next GC, so what they hold at the end of
  // the call is their peak.
  const buffers = Math.max(0, after.arrayBuffers - before.arrayBuffers);
  process.stdout.write(`HEAP ${before.heapUsed} ${after.heapUsed} ${Math.max(0, retained)} ${buffers}\n`);
  process.stdout.write(`KEPT ${kept.plan.updates.length} ${roster.current.length}\n`);
}

interface SizeFigures {
  people: number;
  runs: number;
  planMs: number;
  planMinMs: number;
  planRunsMs: number[];
  peoplePerSecond: number;
  obviousMs: number;
  floorMs: number;
  speedupVsObvious: number;
  heap: HeapFigures;
  plan: { creates: number; updates: number; archives: number; unchanged: number; issues: number };
}

function main(): void {
  const gc = getGc();
  const sizes = QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
  const figures: SizeFigures[] = [];
  process.stdout.write(
    `plan benchmark on Node ${process.version}, load ${loadavg()[0]!.toFixed(2)}${QUICK ? ' (quick)' : ''}\n`,
  );
  for (const size of sizes) {
    const roster = generateRoster(size);
    const runs = size >= 1_000_000 ? 3 : 5;
    const first = plan(roster);
    checkPlan(first, roster);
    if (size < 1_000_000) {
      // Warm up each code path before timing, so small sizes measure optimised code, not the JIT.
      for (let w = 0; w < 3; w++) {
        plan(roster);
        obviousPlan(roster.snapshot, roster.current);
        floorPass(roster.snapshot, roster.current);
      }
    }
    const [planRuns, obviousRuns, floorRuns] = timeInterleaved(
      runs,
      [
        () => plan(roster),
        () => obviousPlan(roster.snapshot, roster.current),
        () => floorPass(roster.snapshot, roster.current),
      ],
      gc,
    ) as [number[], number[], number[]];
    const heap = measureHeap(size);
    const planMs = median(planRuns);
    const obviousMs = median(obviousRuns);
    figures.push({
      people: size,
      runs,
      planMs: round(planMs),
      planMinMs: round(Math.min(...planRuns)),
      planRunsMs: planRuns.map(round),
      peoplePerSecond: Math.round(size / (planMs / 1000)),
      obviousMs: round(obviousMs),
      floorMs: round(median(floorRuns)),
      speedupVsObvious: round(obviousMs / planMs),
      heap: { peakMb: round(heap.peakMb), retainedMb: round(heap.retainedMb), gcs: heap.gcs },
      plan: {
        creates: first.creates.length,
        updates: first.updates.length,
        archives: first.archives.length,
        unchanged: first.unchanged,
        issues: first.issues.length,
      },
    });
    process.stdout.write(`  ${size.toLocaleString('en')} people done\n`);
  }

  const at = (n: number): SizeFigures | undefined => figures.find((f) => f.people === n);
  const f100k = at(100_000);
  const f1m = at(1_000_000);
  const targets = [
    {
      target: 'plan 100k median <= 100 ms',
      value: f100k?.planMs,
      ok: f100k !== undefined && f100k.planMs <= 100,
    },
    {
      target: 'plan 1M <= 12x plan 100k',
      value: f1m && f100k ? round(f1m.planMs / f100k.planMs) : undefined,
      ok: f1m === undefined ? null : f100k !== undefined && f1m.planMs <= 12 * f100k.planMs,
    },
    {
      target: '>= 2x faster than obvious at 100k',
      value: f100k?.speedupVsObvious,
      ok: f100k !== undefined && f100k.speedupVsObvious >= 2,
    },
    {
      target: 'peak heap 100k < 100 MB',
      value: f100k?.heap.peakMb,
      ok: f100k !== undefined && f100k.heap.peakMb < 100,
    },
  ];

  const header = [
    'people',
    'plan ms',
    'min ms',
    'people/s',
    'obvious ms',
    'floor ms',
    'vs obvious',
    'peak heap MB',
    'plan keeps MB',
  ];
  const rows = figures.map((f) => [
    f.people.toLocaleString('en'),
    f.planMs.toFixed(1),
    f.planMinMs.toFixed(1),
    f.peoplePerSecond.toLocaleString('en'),
    f.obviousMs.toFixed(1),
    f.floorMs.toFixed(1),
    `${f.speedupVsObvious.toFixed(1)}x`,
    f.heap.peakMb.toFixed(1),
    f.heap.retainedMb.toFixed(1),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]): string => cells.map((cell, c) => cell.padStart(widths[c]!)).join('  ');
  process.stdout.write(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
  process.stdout.write('\n');
  for (const t of targets) {
    const mark = t.ok === null ? 'skip' : t.ok ? 'ok  ' : 'MISS';
    process.stdout.write(`${mark}  ${t.target}: ${t.value ?? 'n/a'}\n`);
  }

  const outDir = join(ROOT, '.bench');
  mkdirSync(outDir, { recursive: true });
  const out = {
    benchmark: 'plan',
    node: process.version,
    cpus: availableParallelism(),
    // The machine's load when the run ended: figures taken on a busy shared machine are slower.
    loadAverage: loadavg().map(round),
    quick: QUICK,
    // How each timed run was readied (see settle()).
    method: COLD_JIT
      ? 'each timed run straight after a forced full GC (V8 compiles the code again on the clock)'
      : 'each timed run after a full GC, one untimed run of the same function and a young-generation GC',
    date: new Date().toISOString(),
    sizes: figures,
    targets,
  };
  writeFileSync(join(outDir, 'plan.json'), `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`\nwrote ${join('.bench', 'plan.json')}\n`);
  if (STRICT && targets.some((t) => t.ok === false)) process.exitCode = 1;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

// Dispatch last, once every declaration above is initialised.
const child = process.env.HRSYNC_PLAN_BENCH_CHILD;
if (child !== undefined) {
  runHeapChild(Number(child));
} else if (process.env.HRSYNC_PLAN_BENCH_MAIN !== '1') {
  // Re-run with a larger heap (1M people and their host copy take a few GB) and an exposed gc().
  const result = spawnSync(process.execPath, [...process.execArgv, ...HEAP_FLAGS, SELF], {
    stdio: 'inherit',
    env: { ...process.env, HRSYNC_PLAN_BENCH_MAIN: '1' },
  });
  process.exitCode = result.status ?? 1;
} else {
  main();
}
