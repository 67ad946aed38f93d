/** The vendors this example syncs from. */
export type VendorId = 'trinet' | 'peoplehr' | 'zenefits';

/** The vendors, in the order they are printed. */
export const VENDORS: readonly VendorId[] = ['trinet', 'peoplehr', 'zenefits'];

/** At most `limit` requests in any window of `windowMs`. */
export interface RequestBudget {
  limit: number;
  windowMs: number;
}

/** What one vendor allows, and what a sync costs there. */
export interface VendorBudget {
  /** Per credential (API key, client id, token): every company has its own. */
  perKey: RequestBudget;
  /** For the whole platform (every company on this vendor, from every worker). */
  shared: RequestBudget;
  /**
   * Requests a typical sync makes, to size BullMQ's job limiter: jobs per window = shared limit / this. The request
   * budget stays the hard limit; this only keeps workers from taking jobs the budget cannot serve yet.
   */
  requestsPerJob: number;
  /** Where the figures come from. */
  source: string;
}

const MINUTE = 60_000;

/**
 * The real budgets: what the example enforces in production time. The demo divides every window by its time scale
 * and keeps the limits, so "30 a minute" becomes "30 every 2 s" at the default scale of 30.
 */
export const VENDOR_BUDGETS: Readonly<Record<VendorId, VendorBudget>> = {
  peoplehr: {
    perKey: { limit: 30, windowMs: MINUTE },
    // People HR documents its limit per IP address: every company synced from one egress IP shares it.
    shared: { limit: 30, windowMs: MINUTE },
    requestsPerJob: 1,
    source: 'documented: 30 calls a minute (per IP address; the fake counts per key too)',
  },
  trinet: {
    perKey: { limit: 60, windowMs: MINUTE },
    shared: { limit: 600, windowMs: MINUTE },
    requestsPerJob: 7,
    source: 'TriNet documents a quota per credential but no figure: our own caps',
  },
  zenefits: {
    perKey: { limit: 60, windowMs: MINUTE },
    shared: { limit: 600, windowMs: MINUTE },
    requestsPerJob: 8,
    source: 'Zenefits documents no limit: our own caps',
  },
};

/** A budget with its window divided by the demo's time scale. */
export function scaleBudget(budget: RequestBudget, timeScale: number): RequestBudget {
  return { limit: budget.limit, windowMs: Math.max(1, Math.round(budget.windowMs / timeScale)) };
}

/** Every vendor's budgets at a time scale (1 = real time). */
export function budgetsAt(timeScale: number): Record<VendorId, VendorBudget> {
  const out = {} as Record<VendorId, VendorBudget>;
  for (const vendor of VENDORS) {
    const real = VENDOR_BUDGETS[vendor];
    out[vendor] = {
      ...real,
      perKey: scaleBudget(real.perKey, timeScale),
      shared: scaleBudget(real.shared, timeScale),
    };
  }
  return out;
}
