// Gathers every benchmark's figures (.bench/*.json, written by the benches scripts/bench.ts runs) into one report:
// docs/benchmarks.md (regenerated on every `pnpm bench`, never edited by hand) and .bench/report.json, with the
// machine it ran on.
//
//   node scripts/bench-report.ts          (after the benches; `pnpm bench` runs both)
//
// The shape a bench writes to .bench/<name>.json, so that this report renders it without knowing it:
//
//   {
//     "benchmark": "plan",                 // its name (default: the file name)
//     "title": "Plan engine",              // optional heading; "description": "…" optional paragraph
//     "date": "…", "node": "v24…", "quick": false, "cpus": 2, …   // any other scalar: shown as a fact
//     "sizes": [ { "people": 10000, "planMs": 27.4, "heap": { "peakMb": 3.7 } } ],
//                                          // any array of objects: a table (nested objects become a.b columns,
//                                          // arrays of numbers their median, marked "(median)")
//     "median": { "wallMs": 1532.1, … },   // any object of scalars: a two-column table
//     "targets": [ { "target": "plan 100k median <= 100 ms", "value": 370.9, "ok": false } ],
//                                          // or one "target": { …, "ok": true }: the targets the issue set
//   }
//
// Every numeric field named as a ratio (`…ratio…`, `…Ratio…`, `speedup…`, `…VsX…`) outside the targets and per-run
// details is also listed under "Ratios", next to the targets, so the figures the issues asked for sit in one place.
// A bench run in quick mode (`"quick": true`) is flagged: its figures are not the ones to quote.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, release, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The machine the report was made on. */
export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
}

/** One bench's JSON file, as read. */
export interface BenchInput {
  file: string;
  data: unknown;
}

/** One target of a bench: what the issue asked for, the figure, and whether it was met. */
export interface TargetLine {
  benchmark: string;
  target: string;
  value: unknown;
  ok: boolean | null;
}

/** One ratio found in a bench's figures. */
export interface RatioLine {
  benchmark: string;
  where: string;
  name: string;
  value: number;
}

/** What the report holds, also written as .bench/report.json. */
export interface BenchReport {
  generatedAt: string;
  machine: Machine;
  benchmarks: { file: string; name: string; quick: boolean; date?: string | undefined; data: unknown }[];
  targets: TargetLine[];
  ratios: RatioLine[];
  /** Files that could not be read as JSON objects. */
  unreadable: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The machine this process runs on. */
export function describeMachine(): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Flattens a row: nested objects into `a.b` keys, arrays of numbers into their median. */
function flatten(row: Json, prefix = '', out: Json = {}): Json {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flatten(value, name, out);
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number'))
      out[`${name} (median)`] = median(value as number[]);
    else if (isScalar(value)) out[name] = value;
  }
  return out;
}

const RATIO_NAME = /[Rr]atio|[Ss]peedup|Vs[A-Z]|^vs[A-Z]/;

function findRatios(benchmark: string, value: unknown, where: string, out: RatioLine[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      findRatios(benchmark, item, `${where}[${i}]`, out);
    });
    return;
  }
  if (!isObject(value)) return;
  // A row's identity (its size) makes a ratio readable: `sizes[1]` → `people 100000`.
  const label = Object.entries(value).find(([, v]) => typeof v === 'number' || typeof v === 'string');
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'number' && RATIO_NAME.test(key)) {
      const at =
        where.endsWith(']') && label ? `${where.replace(/\[\d+\]$/, '')} ${label[0]} ${label[1]}` : where;
      out.push({ benchmark, where: at, name: key, value: item });
    } else if (
      typeof item === 'object' &&
      item !== null &&
      !/^targets?$|runs?Detail|raw|samples/i.test(key)
    ) {
      findRatios(benchmark, item, where ? `${where}.${key}` : key, out);
    }
  }
}

function findTargets(benchmark: string, data: Json): TargetLine[] {
  const out: TargetLine[] = [];
  const push = (item: unknown, fallbackName: string) => {
    if (!isObject(item)) return;
    const ok = typeof item.ok === 'boolean' ? item.ok : null;
    const text =
      typeof item.target === 'string'
        ? item.target
        : Object.entries(item)
            .filter(([k, v]) => k !== 'ok' && isScalar(v))
            .map(([k, v]) => `${k} ${typeof v === 'number' ? `≤ ${v}` : String(v)}`)
            .join(', ') || fallbackName;
    const value =
      'value' in item
        ? item.value
        : // A single-target object names its figure by key: find it among the bench's medians.
          Object.keys(item)
            .filter((k) => k !== 'ok')
            .map((k) => (isObject(data.median) ? data.median[k] : undefined))
            .find((v) => v !== undefined);
    out.push({ benchmark, target: text, value: value ?? null, ok });
  };
  if (Array.isArray(data.targets)) for (const item of data.targets) push(item, 'target');
  if (isObject(data.target)) push(data.target, 'target');
  return out;
}

/** Builds the report from the benches' JSON files. */
export function buildBenchReport(
  inputs: readonly BenchInput[],
  machine: Machine,
  now = new Date(),
): BenchReport {
  const report: BenchReport = {
    generatedAt: now.toISOString(),
    machine,
    benchmarks: [],
    targets: [],
    ratios: [],
    unreadable: [],
  };
  for (const { file, data } of inputs) {
    if (!isObject(data)) {
      report.unreadable.push(file);
      continue;
    }
    const name = typeof data.benchmark === 'string' ? data.benchmark : basename(file, '.json');
    report.benchmarks.push({
      file,
      name,
      quick: data.quick === true,
      date: typeof data.date === 'string' ? data.date : undefined,
      data,
    });
    report.targets.push(...findTargets(name, data));
    findRatios(name, data, '', report.ratios);
  }
  return report;
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return value.toLocaleString('en', { maximumFractionDigits: 3 });
  return String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');
};

function table(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const lines = [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

const mark = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? '✅ met' : '❌ missed');

/** Renders the report as Markdown. */
export function renderBenchMarkdown(report: BenchReport): string {
  const out: string[] = [];
  const m = report.machine;
  out.push(
    '<!-- Generated by scripts/bench-report.ts from .bench/*.json on every `pnpm bench`. Do not edit by hand. -->',
  );
  out.push('');
  out.push('# Benchmarks');
  out.push('');
  out.push(
    'This page is regenerated by `pnpm bench`, which runs every `packages/*/bench/*.bench.ts` and `examples/*/bench/*.bench.ts` and then `scripts/bench-report.ts`. Edits made here are lost on the next run.',
  );
  out.push('');
  out.push(`Generated ${report.generatedAt}, on:`);
  out.push('');
  out.push(
    table(
      ['CPU', 'cores', 'memory', 'Node', 'OS'],
      [[m.cpuModel, m.cores, `${m.memoryGb} GB`, m.node, m.os]],
    ),
  );
  out.push('');
  if (report.benchmarks.length === 0) {
    out.push('No benchmark has written its figures yet (`.bench/*.json` is empty).');
    out.push('');
  }
  if (report.targets.length > 0) {
    out.push('## Targets');
    out.push('');
    out.push(
      table(
        ['benchmark', 'target', 'figure', 'result'],
        report.targets.map((t) => [t.benchmark, t.target, t.value, mark(t.ok)]),
      ),
    );
    out.push('');
  }
  if (report.ratios.length > 0) {
    out.push('## Ratios');
    out.push('');
    out.push(
      table(
        ['benchmark', 'where', 'ratio', 'value'],
        report.ratios.map((r) => [r.benchmark, r.where || '–', r.name, r.value]),
      ),
    );
    out.push('');
  }
  for (const bench of report.benchmarks) {
    const data = bench.data as Json;
    out.push(`## ${typeof data.title === 'string' ? data.title : bench.name}`);
    out.push('');
    if (typeof data.description === 'string') {
      out.push(data.description);
      out.push('');
    }
    if (bench.quick) {
      out.push('> Quick mode (`BENCH_QUICK=1`): smaller sizes, fewer runs. Not the figures to quote.');
      out.push('');
    }
    const facts = Object.entries(data).filter(
      ([k, v]) => isScalar(v) && !['benchmark', 'title', 'description'].includes(k),
    );
    if (facts.length > 0) {
      out.push(facts.map(([k, v]) => `${k}: \`${cell(v)}\``).join(' · '));
      out.push('');
    }
    for (const [key, value] of Object.entries(data)) {
      if (key === 'targets' || key === 'target') continue;
      if (Array.isArray(value) && value.length > 0 && value.every(isObject)) {
        const rows = value.map((row) => flatten(row as Json));
        const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        out.push(`**${key}**`);
        out.push('');
        out.push(
          table(
            columns,
            rows.map((r) => columns.map((c) => r[c])),
          ),
        );
        out.push('');
      } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) {
        out.push(
          `**${key}**: ${(value as number[]).map(cell).join(', ')} (median ${cell(median(value as number[]))})`,
        );
        out.push('');
      } else if (isObject(value)) {
        const flat = flatten(value);
        if (Object.keys(flat).length === 0) continue;
        out.push(`**${key}**`);
        out.push('');
        out.push(table(['figure', 'value'], Object.entries(flat)));
        out.push('');
      }
    }
    out.push(`Source: \`${bench.file}\``);
    out.push('');
  }
  if (report.unreadable.length > 0) {
    out.push(`Unreadable files (not JSON objects): ${report.unreadable.map((f) => `\`${f}\``).join(', ')}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Reads .bench/*.json (except the report itself) from a repository root. */
export function readBenchInputs(root: string): BenchInput[] {
  const dir = join(root, '.bench');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((name) => name.endsWith('.json') && name !== 'report.json')
    .sort()
    .map((name) => {
      const file = join('.bench', name);
      try {
        return { file, data: JSON.parse(readFileSync(join(root, file), 'utf8')) as unknown };
      } catch {
        return { file, data: undefined };
      }
    });
}

function main(): void {
  const root = join(import.meta.dirname, '..');
  const report = buildBenchReport(readBenchInputs(root), describeMachine());
  mkdirSync(join(root, '.bench'), { recursive: true });
  writeFileSync(join(root, '.bench', 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  mkdirSync(join(root, 'docs'), { recursive: true });
  writeFileSync(join(root, 'docs', 'benchmarks.md'), renderBenchMarkdown(report));
  const missed = report.targets.filter((t) => t.ok === false).length;
  console.log(
    `bench report: ${report.benchmarks.length} benchmark(s), ${report.targets.length} target(s) (${missed} missed) → docs/benchmarks.md, .bench/report.json`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
