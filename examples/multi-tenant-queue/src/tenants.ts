import { createRandom } from '@hrsync/testkit';
import type { VendorId } from './budgets.ts';

/** One customer company of the host, as the host's own database knows it. */
export interface Tenant {
  /** The host's company id; also the BullMQ job scheduler id (`sync:<id>`). */
  id: string;
  vendor: VendorId;
  /** People in its HR system. */
  size: number;
  /** Seed of its roster in the fake. */
  rosterSeed: number;
  /**
   * The credentials an admin pasted. In a real host they come from an encrypted store, looked up by company id in
   * the worker: never put them in job data, which Redis keeps in clear.
   */
  credentials: { key: string; secret: string };
  /** The fake answers 503 to its first requests, so its first sync fails and a retry must recover it. */
  flaky: boolean;
  /** Its credentials were revoked: every sync fails with AUTH_INVALID_CREDENTIALS (not retryable). */
  revoked: boolean;
}

/**
 * The host's companies, the same in every process for a seed and a count (workers rebuild the list instead of
 * reading credentials from Redis): a third on each vendor, sizes from 5 to 1,500 people (most small), one in 25
 * flaky, and one in 250 with revoked credentials (at least one).
 */
export function createTenants(count: number, seed: number): Tenant[] {
  const random = createRandom(seed);
  const vendors: VendorId[] = ['trinet', 'peoplehr', 'zenefits'];
  const revokedEvery = 250;
  const tenants: Tenant[] = [];
  for (let i = 0; i < count; i++) {
    const id = `c${String(i + 1).padStart(4, '0')}`;
    const vendor = vendors[i % vendors.length] as VendorId;
    const bucket = random.weighted(['small', 'medium', 'large'], [60, 30, 10]);
    const size =
      bucket === 'small'
        ? random.int(5, 60)
        : bucket === 'medium'
          ? random.int(61, 300)
          : random.int(301, 1500);
    const revoked = i % revokedEvery === revokedEvery - 1 || (count < revokedEvery && i === count - 1);
    tenants.push({
      id,
      vendor,
      size,
      rosterSeed: seed * 100_003 + i,
      credentials: {
        key: `${vendor}-${id}-${random.int(100_000, 999_999)}`,
        secret: `secret-${id}-${random.int(100_000_000, 999_999_999)}`,
      },
      flaky: !revoked && i % 25 === 12,
      revoked,
    });
  }
  return tenants;
}
