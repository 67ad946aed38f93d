import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A held lock on one company: only its holder runs that company's sync. */
export interface CompanyLock {
  /** True when the lock expired while held (the holder stalled past its TTL): another run may have started. */
  readonly lost: boolean;
  /** Releases it (only if still ours). */
  release(): Promise<void>;
}

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** The Redis key of a company's lock. */
export const companyLockKey = (companyId: string) => `hrsync:lock:company:${companyId}`;

/**
 * Takes the lock of one company (`SET NX PX`), or resolves `undefined` when another run of it holds the lock. The
 * lock is renewed every third of its TTL while held, and expires on its own if its worker dies.
 */
export async function acquireCompanyLock(
  redis: Redis,
  companyId: string,
  ttlMs: number,
): Promise<CompanyLock | undefined> {
  const key = companyLockKey(companyId);
  const token = randomUUID();
  const ok = await redis.set(key, token, 'PX', ttlMs, 'NX');
  if (ok !== 'OK') return undefined;
  let lost = false;
  const timer = setInterval(
    () => {
      redis.eval(RENEW, 1, key, token, ttlMs).then(
        (renewed) => {
          if (Number(renewed) !== 1) lost = true;
        },
        () => {},
      );
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    get lost() {
      return lost;
    },
    async release() {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
