// The TriNet read benchmark: fetchSnapshot() of a 10,000-person company from the fake TriNet over node:http on
// loopback, with 50 ms added to every request (the fake's `latencyMs`), against lower bounds counted from the fake's
// request log:
//
//   serial bound     = requests × latency                 (one request at a time)
//   concurrent bound = requests × latency / concurrency   (the cap always full)     ← the target: wall ≤ 1.3 × this
//   dependency bound = (1 + ceil((requests − 1) / concurrency)) × latency
//                      (what the concurrent bound ignores: the token must come back before any data call goes out)
//
// "requests" is every request the fake answered during the read: the token call, /departments, /locations and every
// employee page (100 pages of 100 people here, so 103).
//
// Two more figures separate the adapter's cost from the harness's:
// - the floor client: the same 103 requests in the same order (token; lists and page 1; then the other pages, the
//   cap always full) with plain fetch and JSON.parse, nothing validated or mapped, against the same fake. The gap
//   between it and the bounds is the fake's and the loopback's; the gap between the adapter and it is the adapter's.
// - the fake's own time per request beyond the 50 ms (rendering a page of 100 people and serialising it), measured
//   in the fake's process: requests that arrive together are rendered one after the other.
//
// The fake runs in a child process, so that this process's CPU time (process.cpuUsage around the read) and RSS are
// the adapter's alone. Each run uses a new source (so a token call), after a warm-up run that is not counted; the
// adapter and the floor client take turns; figures are medians.
//
//   node --conditions=@hrsync/source packages/trinet/bench/trinet-read.bench.ts
//   BENCH_QUICK=1 ...       2 runs instead of 5
//   BENCH_STRICT=1 ...      exit 1 when the target is missed
//   BENCH_CONCURRENCY=8 ... the source's (and the floor client's) concurrency; default: the source's default, 4
import { fork, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateRoster, startLoopbackServer } from '@hrsync/testkit';
import { createTrinetSource } from '@hrsync/trinet';
import { createTrinetFake, type TrinetFakeRequest } from '@hrsync/trinet/testing';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PEOPLE = 10_000;
const LATENCY_MS = 50;
const TARGET_RATIO = 1.3;
const QUICK = process.env.BENCH_QUICK === '1';
const STRICT = process.env.BENCH_STRICT === '1';
const RUNS = QUICK ? 2 : 5;
// The source's default cap (createTrinetSource's `concurrency` default), restated: the bounds use the cap in force.
const DEFAULT_CONCURRENCY = 4;
const CONCURRENCY = process.env.BENCH_CONCURRENCY ? Number(process.env.BENCH_CONCURRENCY) : undefined;
const MB = 1024 * 1024;

/** Messages between this process and the fake's. */
type ToFake = { type: 'reset' } | { type: 'log' };
type FromFake =
  | { type: 'ready'; url: string; companyId: string; clientId: string; clientSecret: string }
  | { type: 'reset' }
  | {
      type: 'log';
      requests: TrinetFakeRequest[];
      maxInFlight: number;
      cpuMs: number;
      /** Per request: the time the fake took beyond its latency (render, serialise). */
      overheadMs: number[];
    };

if (process.env.HRSYNC_TRINET_BENCH_FAKE === '1') {
  await serveFake();
} else if (process.env.HRSYNC_TRINET_BENCH_RSS !== undefined) {
  await readOnceForRss(JSON.parse(process.env.HRSYNC_TRINET_BENCH_RSS) as FakeAddress);
} else {
  await main();
}

type FakeAddress = Omit<Extract<FromFake, { type: 'ready' }>, 'type'>;

/**
 * A fresh process that reads the company once: its peak RSS (the kernel's high-water mark) is the read's, with
 * nothing left over from earlier runs. Prints `{ rssBeforeMb, peakRssMb }` as JSON.
 */
async function readOnceForRss(fake: FakeAddress): Promise<void> {
  const source = createTrinetSource({ ...fake, baseUrl: fake.url, ...concurrencyOption() });
  const rssBeforeMb = process.memoryUsage.rss() / MB;
  const snapshot = await source.fetchSnapshot();
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
  process.stdout.write(
    `${JSON.stringify({ rssBeforeMb, peakRssMb, employees: snapshot.employees.length })}\n`,
  );
}

function concurrencyOption(): { concurrency?: number } {
  return CONCURRENCY !== undefined ? { concurrency: CONCURRENCY } : {};
}

/** The child process: the fake TriNet on loopback, answering log and reset requests from the parent. */
async function serveFake(): Promise<void> {
  const roster = generateRoster({ seed: 1, size: PEOPLE });
  const fake = createTrinetFake({
    employees: roster.employees,
    departments: roster.departments,
    locations: roster.locations,
    latencyMs: LATENCY_MS,
  });
  const overheadMs: number[] = [];
  const server = await startLoopbackServer(async (request) => {
    const started = performance.now();
    const response = await fake.handler(request);
    overheadMs.push(performance.now() - started - LATENCY_MS);
    return response;
  });
  let cpuStart = process.cpuUsage();
  const send = (message: FromFake) => process.send?.(message);
  process.on('message', (message: ToFake) => {
    if (message.type === 'reset') {
      fake.resetStats();
      overheadMs.length = 0;
      cpuStart = process.cpuUsage();
      send({ type: 'reset' });
    } else {
      const cpu = process.cpuUsage(cpuStart);
      send({
        type: 'log',
        requests: [...fake.requests],
        maxInFlight: fake.stats.maxInFlight,
        cpuMs: (cpu.user + cpu.system) / 1000,
        overheadMs,
      });
    }
  });
  process.on('disconnect', () => {
    void server.close().then(() => process.exit(0));
  });
  send({
    type: 'ready',
    url: server.url,
    companyId: fake.companyId,
    clientId: fake.credentials.clientId,
    clientSecret: fake.credentials.clientSecret,
  });
}

interface Run {
  wallMs: number;
  cpuMs: number;
  cpuMsPer1000People: number;
  peakRssMb: number;
  employees: number;
  complete: boolean;
  requests: { total: number; token: number; departments: number; locations: number; employeePages: number };
  maxInFlight: number;
  serialBoundMs: number;
  concurrentBoundMs: number;
  dependencyBoundMs: number;
  fakeCpuMs: number;
  fakeOverheadMedianMs: number;
  fakeOverheadP90Ms: number;
}

interface FloorRun {
  wallMs: number;
  requests: number;
  employees: number;
}

async function main(): Promise<void> {
  const child = fork(import.meta.filename, [], {
    env: { ...process.env, HRSYNC_TRINET_BENCH_FAKE: '1' },
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const replies: FromFake[] = [];
  const waiters: { resolve: (m: FromFake) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (message: FromFake) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else replies.push(message);
  });
  child.on('exit', (code) => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the fake exited (${code})`));
  });
  const next = (): Promise<FromFake> =>
    new Promise((resolve, reject) => {
      const queued = replies.shift();
      if (queued) resolve(queued);
      else waiters.push({ resolve, reject });
    });
  const ask = async <T extends FromFake['type']>(message: ToFake, type: T) => {
    child.send(message);
    const reply = await next();
    if (reply.type !== type) throw new Error(`expected ${type} from the fake, got ${reply.type}`);
    return reply as Extract<FromFake, { type: T }>;
  };

  try {
    const ready = await next();
    if (ready.type !== 'ready') throw new Error('the fake did not start');
    const concurrency = CONCURRENCY ?? DEFAULT_CONCURRENCY;

    const read = async (): Promise<Run> => {
      const source = createTrinetSource({
        companyId: ready.companyId,
        clientId: ready.clientId,
        clientSecret: ready.clientSecret,
        baseUrl: ready.url,
        ...concurrencyOption(),
      });
      await ask({ type: 'reset' }, 'reset');
      let peakRss = process.memoryUsage.rss();
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 5);
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      const snapshot = await source.fetchSnapshot();
      const wallMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      clearInterval(sampler);
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
      const log = await ask({ type: 'log' }, 'log');

      const kinds = { token: 0, departments: 0, locations: 0, employeePages: 0 };
      for (const r of log.requests) {
        if (r.path.endsWith('/accesstoken')) kinds.token++;
        else if (r.path.endsWith('/departments')) kinds.departments++;
        else if (r.path.endsWith('/locations')) kinds.locations++;
        else if (r.path.endsWith('/employees')) kinds.employeePages++;
      }
      const total = log.requests.length;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      return {
        wallMs,
        cpuMs,
        cpuMsPer1000People: cpuMs / (snapshot.employees.length / 1000),
        peakRssMb: peakRss / MB,
        employees: snapshot.employees.length,
        complete: snapshot.complete,
        requests: { total, ...kinds },
        maxInFlight: log.maxInFlight,
        serialBoundMs: total * LATENCY_MS,
        concurrentBoundMs: (total * LATENCY_MS) / concurrency,
        dependencyBoundMs: (1 + Math.ceil((total - 1) / concurrency)) * LATENCY_MS,
        fakeCpuMs: log.cpuMs,
        fakeOverheadMedianMs: median(log.overheadMs),
        fakeOverheadP90Ms: quantile(log.overheadMs, 0.9),
      };
    };

    // The same requests in the same order with plain fetch: what the fake and the loopback allow at best.
    const floorRead = async (): Promise<FloorRun> => {
      await ask({ type: 'reset' }, 'reset');
      const started = performance.now();
      const basic = btoa(`${ready.clientId}:${ready.clientSecret}`);
      const tokenResponse = await fetch(`${ready.url}/oauth/accesstoken?grant_type=client_credentials`, {
        headers: { authorization: `Basic ${basic}` },
      });
      const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
      const get = async (path: string) => {
        const response = await fetch(`${ready.url}/v1/company/${ready.companyId}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return JSON.parse(await response.text()) as {
          data: { employeesTotal?: number; hasMore: boolean; employeeData: unknown[] };
        };
      };
      const [, , first] = await Promise.all([
        get('/departments'),
        get('/locations'),
        get('/employees?offset=1&viewType=All'),
      ]);
      const offsets: number[] = [];
      for (let offset = 101; offset <= Number(first.data.employeesTotal); offset += 100) offsets.push(offset);
      let employees = first.data.employeeData.length;
      const worker = async () => {
        for (let offset = offsets.shift(); offset !== undefined; offset = offsets.shift()) {
          const page = await get(`/employees?offset=${offset}&viewType=All`);
          employees += page.data.employeeData.length;
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const wallMs = performance.now() - started;
      const log = await ask({ type: 'log' }, 'log');
      return { wallMs, requests: log.requests.length, employees };
    };

    const load = loadavg()[0] ?? 0;
    const rssBeforeMb = process.memoryUsage.rss() / MB;
    process.stdout.write(
      `TriNet read: ${PEOPLE.toLocaleString('en')} people, ${LATENCY_MS} ms per request, concurrency ${concurrency}, ` +
        `${RUNS} runs after a warm-up${QUICK ? ' (BENCH_QUICK)' : ''}; ${availableParallelism()} CPUs, ` +
        `load average ${load.toFixed(1)}\n`,
    );
    await read();
    await floorRead();
    const runs: Run[] = [];
    const floors: FloorRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await read();
      if (run.employees !== PEOPLE || !run.complete)
        throw new Error(`run ${i + 1} read ${run.employees} people (complete: ${run.complete})`);
      runs.push(run);
      const floor = await floorRead();
      if (floor.employees !== PEOPLE || floor.requests !== run.requests.total)
        throw new Error(`floor run ${i + 1}: ${floor.employees} people in ${floor.requests} requests`);
      floors.push(floor);
      process.stdout.write(
        `  run ${i + 1}: adapter ${run.wallMs.toFixed(0)} ms (${run.requests.total} requests, ` +
          `${run.maxInFlight} in flight at most, CPU ${run.cpuMs.toFixed(0)} ms), floor client ${floor.wallMs.toFixed(0)} ms\n`,
      );
    }

    const { type: _ready, ...address } = ready;
    const fresh = spawnSync(process.execPath, [...process.execArgv, import.meta.filename], {
      env: { ...process.env, HRSYNC_TRINET_BENCH_RSS: JSON.stringify(address) },
      encoding: 'utf8',
    });
    if (fresh.status !== 0) throw new Error(`the fresh-process read failed: ${fresh.stderr}`);
    const freshRss = JSON.parse(fresh.stdout) as {
      rssBeforeMb: number;
      peakRssMb: number;
      employees: number;
    };
    if (freshRss.employees !== PEOPLE)
      throw new Error(`the fresh-process read got ${freshRss.employees} people`);

    const pick = (f: (r: Run) => number) => median(runs.map(f));
    const wallMs = pick((r) => r.wallMs);
    const floorMs = median(floors.map((f) => f.wallMs));
    const concurrentBoundMs = pick((r) => r.concurrentBoundMs);
    const dependencyBoundMs = pick((r) => r.dependencyBoundMs);
    const ratio = wallMs / concurrentBoundMs;
    const ok = ratio <= TARGET_RATIO;
    const first = runs[0];
    const result = {
      benchmark: 'trinet-read',
      node: process.version,
      cpus: availableParallelism(),
      loadAverage: round(load, 2),
      quick: QUICK,
      date: new Date().toISOString(),
      people: PEOPLE,
      latencyMs: LATENCY_MS,
      concurrency,
      runs: runs.length,
      rule:
        'requests = every request the fake answered during the read (token, departments, locations, employee pages); ' +
        'serial bound = requests × latency; concurrent bound = requests × latency / concurrency; ' +
        'dependency bound = (1 + ceil((requests − 1) / concurrency)) × latency (the token comes first)',
      median: {
        wallMs: round(wallMs),
        floorClientMs: round(floorMs),
        serialBoundMs: round(pick((r) => r.serialBoundMs)),
        concurrentBoundMs: round(concurrentBoundMs),
        dependencyBoundMs: round(dependencyBoundMs),
        ratioToConcurrentBound: round(ratio, 3),
        ratioToDependencyBound: round(wallMs / dependencyBoundMs, 3),
        floorRatioToConcurrentBound: round(floorMs / concurrentBoundMs, 3),
        adapterOverFloorMs: round(wallMs - floorMs),
        cpuMs: round(pick((r) => r.cpuMs)),
        cpuMsPer1000People: round(pick((r) => r.cpuMsPer1000People)),
        peakRssMb: round(freshRss.peakRssMb),
        rssBeforeReadMb: round(freshRss.rssBeforeMb),
        peakRssTimedRunsMb: round(pick((r) => r.peakRssMb)),
        rssBeforeTimedRunsMb: round(rssBeforeMb),
        requests: pick((r) => r.requests.total),
        maxInFlight: pick((r) => r.maxInFlight),
        fakeCpuMs: round(pick((r) => r.fakeCpuMs)),
        fakeOverheadPerRequestMs: round(
          pick((r) => r.fakeOverheadMedianMs),
          2,
        ),
        fakeOverheadP90Ms: round(
          pick((r) => r.fakeOverheadP90Ms),
          2,
        ),
      },
      target: { ratioToConcurrentBound: TARGET_RATIO, ok },
      runsDetail: runs.map((r, i) => ({
        wallMs: round(r.wallMs),
        floorClientMs: round(floors[i]?.wallMs ?? Number.NaN),
        cpuMs: round(r.cpuMs),
        peakRssMb: round(r.peakRssMb),
        requests: r.requests,
        maxInFlight: r.maxInFlight,
        fakeCpuMs: round(r.fakeCpuMs),
        fakeOverheadMedianMs: round(r.fakeOverheadMedianMs, 2),
        fakeOverheadP90Ms: round(r.fakeOverheadP90Ms, 2),
      })),
    };

    const m = result.median;
    const rows: [string, string][] = [
      ['wall time of fetchSnapshot()', `${m.wallMs} ms`],
      ['serial bound (requests × latency)', `${m.serialBoundMs} ms`],
      ['concurrent bound (… / concurrency)', `${m.concurrentBoundMs} ms`],
      ['dependency bound (token first)', `${m.dependencyBoundMs} ms`],
      [
        'wall / concurrent bound',
        `${m.ratioToConcurrentBound}× (target ≤ ${TARGET_RATIO}×: ${ok ? 'met' : 'MISSED'})`,
      ],
      ['wall / dependency bound', `${m.ratioToDependencyBound}×`],
      [
        'floor client (plain fetch, same requests)',
        `${m.floorClientMs} ms (${m.floorRatioToConcurrentBound}× the concurrent bound); adapter +${m.adapterOverFloorMs} ms`,
      ],
      [
        'requests (token + lists + pages)',
        `${m.requests} (${first?.requests.token} + ${(first?.requests.departments ?? 0) + (first?.requests.locations ?? 0)} + ` +
          `${first?.requests.employeePages}), ${m.maxInFlight} in flight at most`,
      ],
      ['CPU of the read (this process)', `${m.cpuMs} ms, ${m.cpuMsPer1000People} ms per 1,000 people`],
      [
        'peak RSS, one read in a fresh process',
        `${m.peakRssMb} MB (${m.rssBeforeReadMb} MB before the read)`,
      ],
      [
        'peak RSS during the timed runs',
        `${m.peakRssTimedRunsMb} MB (${m.rssBeforeTimedRunsMb} MB before the first; the heap of earlier runs included)`,
      ],
      [
        'the fake: time beyond latency',
        `${m.fakeOverheadPerRequestMs} ms per request (p90 ${m.fakeOverheadP90Ms} ms), CPU ${m.fakeCpuMs} ms per read`,
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`\nmedians of ${runs.length} runs\n`);
    for (const [k, v] of rows) process.stdout.write(`  ${k.padEnd(width)}  ${v}\n`);

    const outDir = join(ROOT, '.bench');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'trinet-read.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`\nwrote ${join('.bench', 'trinet-read.json')}\n`);
    if (STRICT && !ok) process.exitCode = 1;
  } finally {
    child.disconnect();
  }
}

function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
