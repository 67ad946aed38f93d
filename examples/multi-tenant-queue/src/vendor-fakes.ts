import { createPeopleHrFake } from '@hrsync/peoplehr/testing';
import { type FetchHandler, generateRoster, startLoopbackServer, withFaults } from '@hrsync/testkit';
import { createTrinetFake } from '@hrsync/trinet/testing';
import { createZenefitsFake } from '@hrsync/zenefits/testing';
import { type RequestBudget, VENDORS, type VendorBudget, type VendorId } from './budgets.ts';
import type { Tenant } from './tenants.ts';

/** Counts requests in a sliding window and remembers the most seen in any window. */
class WindowCounter {
  private readonly times: number[] = [];
  private head = 0;
  private readonly windowMs: number;
  max = 0;
  total = 0;
  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }
  hit(t: number): void {
    this.times.push(t);
    this.total++;
    while ((this.times[this.head] as number) <= t - this.windowMs) this.head++;
    this.max = Math.max(this.max, this.times.length - this.head);
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}

/** What one vendor fake saw. */
export interface VendorTraffic {
  vendor: VendorId;
  /** Requests it received (faulted ones included: the vendor sees those too). */
  requests: number;
  /** Faults it injected (outages of flaky companies, random 5xx and dropped connections). */
  faults: number;
  /** The platform-wide budget (scaled) and the most requests seen in any window of it. */
  shared: RequestBudget & { maxSeen: number };
  /** The per-credential budget (scaled) and the most requests one credential made in any window of it. */
  perKey: RequestBudget & { maxSeen: number; worstKey: string | undefined };
}

/** Vendor fakes on loopback. */
export interface VendorFakes {
  /** Base URL of each vendor's fake. */
  urls: Partial<Record<VendorId, string>>;
  /** What each fake saw so far. */
  traffic(): VendorTraffic[];
  close(): Promise<void>;
}

/** Options of {@link startVendorFakes}. */
export interface VendorFakesOptions {
  tenants: readonly Tenant[];
  /** The budgets the fakes measure traffic against (already scaled). */
  budgets: Record<VendorId, VendorBudget>;
  /** How long a flaky company's vendor stays down after its first request, in ms of wall time. */
  outageMs: number;
  /** Share of all requests that get a random 503 or a dropped connection (absorbed by per-request retries). */
  noiseRate: number;
  seed: number;
  /** The vendors to serve; default all three. */
  vendors?: readonly VendorId[] | undefined;
}

interface Route {
  key: string;
  handler: FetchHandler;
}

function decodeBasicId(header: string | null): string | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(0, colon);
}

/** The TriNet company id of a tenant (TriNet's are short upper-case codes). */
export const trinetCompanyId = (tenant: Tenant) => tenant.id.toUpperCase();

/**
 * Serves one fake per company, behind one loopback server per vendor, the way a vendor serves its customers: the
 * request's credentials (TriNet's client id and company id, People HR's `APIKey` in the body, Zenefits' token) say
 * which company it is for. Every request is counted on arrival, per vendor and per credential, in sliding windows of
 * the budgets, before any fault: that is the count a vendor's rate limiter would keep.
 *
 * Faults come from the testkit's `withFaults`: a flaky company's vendor is down (503) for `outageMs` from its first
 * request, long enough that per-request retries give up and the job fails, then recovers; every request may also
 * get a random 503 or a dropped connection, which per-request retries absorb. A company with revoked credentials
 * gets the vendor's own auth error.
 */
export async function startVendorFakes(options: VendorFakesOptions): Promise<VendorFakes> {
  const routes: Record<VendorId, Map<string, Route>> = {
    trinet: new Map(),
    peoplehr: new Map(),
    zenefits: new Map(),
  };
  const faulty: { vendor: VendorId; handler: ReturnType<typeof withFaults> }[] = [];
  const zenefitsFakes: ReturnType<typeof createZenefitsFake>[] = [];

  const withTenantFaults = (tenant: Tenant, vendor: VendorId, handler: FetchHandler): FetchHandler => {
    const noisy = withFaults(handler, {
      seed: options.seed + tenant.rosterSeed,
      rate: options.noiseRate,
      faults: ['server-error', 'disconnect'],
      serverErrorStatuses: [503],
    });
    faulty.push({ vendor, handler: noisy });
    if (!tenant.flaky) return noisy;
    let outageStart: number | undefined;
    const outage = withFaults(noisy, {
      seed: tenant.rosterSeed,
      rate: 1,
      faults: ['server-error'],
      serverErrorStatuses: [503],
      eligible: () => {
        outageStart ??= performance.now();
        return performance.now() - outageStart < options.outageMs;
      },
    });
    faulty.push({ vendor, handler: outage });
    return outage;
  };

  const served = options.vendors ?? VENDORS;
  for (const tenant of options.tenants) {
    if (!served.includes(tenant.vendor)) continue;
    const roster = generateRoster({
      seed: tenant.rosterSeed,
      size: tenant.size,
      domain: `${tenant.id}.example`,
    });
    const { key, secret } = tenant.credentials;
    // A revoked credential: the vendor now knows another one.
    const vendorKey = tenant.revoked ? `rotated-${key}` : key;
    const vendorSecret = tenant.revoked ? `rotated-${secret}` : secret;
    switch (tenant.vendor) {
      case 'trinet': {
        const fake = createTrinetFake({
          companyId: trinetCompanyId(tenant),
          clientId: key,
          clientSecret: vendorSecret,
          companyName: `Company ${tenant.id}`,
          employees: roster.employees,
          departments: roster.departments,
          locations: roster.locations,
        });
        const route = { key, handler: withTenantFaults(tenant, 'trinet', fake.handler) };
        routes.trinet.set(`client:${key}`, route);
        routes.trinet.set(`company:${trinetCompanyId(tenant)}`, route);
        break;
      }
      case 'peoplehr': {
        const fake = createPeopleHrFake({
          apiKeys: [vendorKey],
          roster: roster.employees,
          company: { CompanyName: `Company ${tenant.id}` },
          // The fake's own limiter counts in real minutes; the demo's budgets are scaled, and counted here.
          callsPerMinute: Number.POSITIVE_INFINITY,
        });
        routes.peoplehr.set(key, { key, handler: withTenantFaults(tenant, 'peoplehr', fake.handler) });
        break;
      }
      case 'zenefits': {
        const fake = createZenefitsFake({
          token: vendorKey,
          companyId: tenant.id,
          employees: roster.employees,
          departments: roster.departments,
          locations: roster.locations,
        });
        zenefitsFakes.push(fake);
        routes.zenefits.set(key, { key, handler: withTenantFaults(tenant, 'zenefits', fake.handler) });
        break;
      }
    }
  }

  const routeOf: Record<VendorId, (request: Request) => Promise<Route | undefined>> = {
    trinet: async (request) => {
      const url = new URL(request.url);
      if (url.pathname.startsWith('/oauth/')) {
        const id = decodeBasicId(request.headers.get('authorization'));
        return id === undefined ? undefined : routes.trinet.get(`client:${id}`);
      }
      const company = /^\/v1\/(?:company|manage-company)\/([^/]+)\//.exec(url.pathname)?.[1];
      return company === undefined ? undefined : routes.trinet.get(`company:${decodeURIComponent(company)}`);
    },
    peoplehr: async (request) => {
      try {
        const body = (await request.clone().json()) as { APIKey?: unknown };
        return typeof body.APIKey === 'string' ? routes.peoplehr.get(body.APIKey) : undefined;
      } catch {
        return undefined;
      }
    },
    zenefits: async (request) => {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1];
      return token === undefined ? undefined : routes.zenefits.get(token);
    },
  };

  const counters = {} as Record<
    VendorId,
    { shared: WindowCounter; perKey: Map<string, WindowCounter>; unrouted: number }
  >;
  const servers = [] as Awaited<ReturnType<typeof startLoopbackServer>>[];
  const urls: Partial<Record<VendorId, string>> = {};
  for (const vendor of served) {
    const budget = options.budgets[vendor];
    const count = { shared: new WindowCounter(budget.shared.windowMs), perKey: new Map(), unrouted: 0 };
    counters[vendor] = count;
    const front: FetchHandler = async (request) => {
      const arrived = performance.now();
      const route = await routeOf[vendor](request);
      count.shared.hit(arrived);
      if (!route) {
        count.unrouted++;
        return new Response(JSON.stringify({ error: 'Unauthorized' }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      }
      let perKey = count.perKey.get(route.key);
      if (!perKey) {
        perKey = new WindowCounter(budget.perKey.windowMs);
        count.perKey.set(route.key, perKey);
      }
      perKey.hit(arrived);
      return route.handler(request);
    };
    const server = await startLoopbackServer(front);
    servers.push(server);
    urls[vendor] = server.url;
  }
  for (const fake of zenefitsFakes) fake.setBaseUrl(urls.zenefits as string);

  return {
    urls,
    traffic: () =>
      served.map((vendor) => {
        const count = counters[vendor];
        const budget = options.budgets[vendor];
        let worstKey: string | undefined;
        let maxPerKey = 0;
        for (const [key, counter] of count.perKey) {
          if (counter.max > maxPerKey) {
            maxPerKey = counter.max;
            worstKey = key;
          }
        }
        return {
          vendor,
          requests: count.shared.total,
          faults: faulty
            .filter((f) => f.vendor === vendor)
            .reduce((n, f) => n + f.handler.injected.length, 0),
          shared: { ...budget.shared, maxSeen: count.shared.max },
          perKey: { ...budget.perKey, maxSeen: maxPerKey, worstKey },
        };
      }),
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
