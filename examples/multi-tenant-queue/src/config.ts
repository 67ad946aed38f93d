/** The real interval: every company is synced every 15 minutes. */
export const SYNC_INTERVAL_MS = 15 * 60_000;

/** Retries of a failed sync job: 4 attempts, exponential backoff from 30 s (real time). */
export const JOB_ATTEMPTS = 4;
export const JOB_BACKOFF_MS = 30_000;

/** How long a company lock lives without renewal (real time; renewed every third of it while a sync runs). */
export const COMPANY_LOCK_MS = 60_000;

/** Settings of one demo run. Real-time values live in code; `timeScale` divides every interval and window. */
export interface DemoConfig {
  /** Number of companies. */
  companies: number;
  /** Seed of the companies, their rosters and faults. */
  seed: number;
  /** Worker processes. */
  workers: number;
  /** Syncs per worker process at once, per vendor queue. */
  concurrency: number;
  /** Successful syncs every healthy company must reach before the demo ends (the first is the manual one). */
  rounds: number;
  /** Real time ÷ demo time: 30 turns 15 minutes into 30 s and "30 a minute" into "30 every 2 s". */
  timeScale: number;
  /** Client-side safety margin on every budget window, as a share of it (0.1: a 60 s window is kept as 66 s). */
  windowMargin: number;
  /**
   * And in ms: the time between a grant and the request reaching the vendor (a worker's event loop busy planning
   * another company, a new connection) is absolute, so it matters most for the demo's compressed windows.
   */
  windowMarginMs: number;
  /** Give up after this long (ms of wall time). */
  timeoutMs: number;
  /** Print the workers' log lines. */
  verbose: boolean;
}

/** The demo's defaults: 500 companies through two workers in about a minute. */
export const DEFAULT_DEMO_CONFIG: DemoConfig = {
  companies: 500,
  seed: 7,
  workers: 2,
  concurrency: 8,
  rounds: 2,
  timeScale: 30,
  windowMargin: 0.1,
  windowMarginMs: 250,
  timeoutMs: 5 * 60_000,
  verbose: false,
};

function envNumber(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got "${raw}")`);
  return value;
}

/** The config from the environment (`COMPANIES=60`, `WORKERS`, `ROUNDS`, `TIME_SCALE`, `SEED`, `VERBOSE=1`, ...). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): DemoConfig {
  const d = DEFAULT_DEMO_CONFIG;
  return {
    companies: Math.round(envNumber(env, 'COMPANIES', d.companies)),
    seed: Math.round(envNumber(env, 'SEED', d.seed)),
    workers: Math.round(envNumber(env, 'WORKERS', d.workers)),
    concurrency: Math.round(envNumber(env, 'CONCURRENCY', d.concurrency)),
    rounds: Math.round(envNumber(env, 'ROUNDS', d.rounds)),
    timeScale: envNumber(env, 'TIME_SCALE', d.timeScale),
    windowMargin: envNumber(env, 'WINDOW_MARGIN', d.windowMargin),
    windowMarginMs: envNumber(env, 'WINDOW_MARGIN_MS', d.windowMarginMs),
    timeoutMs: envNumber(env, 'TIMEOUT_MS', d.timeoutMs),
    verbose: env.VERBOSE === '1' || env.VERBOSE === 'true',
  };
}
