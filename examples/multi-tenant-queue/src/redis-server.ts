import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A Redis the demo uses. */
export interface RunningRedis {
  url: string;
  /** Stops it when the demo started it; leaves a Redis given by URL running. */
  stop(): Promise<void>;
}

/** True when `redis-server` is on the PATH. */
export function hasRedisServer(): boolean {
  const result = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

/**
 * Installs `redis-server` from the OS packages (Debian/Ubuntu `apt-get`) when it is missing and this process may
 * (root). Returns whether it is there afterwards.
 */
export function installRedisServer(print: (line: string) => void): boolean {
  if (hasRedisServer()) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const apt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' });
  if (!root || apt.error !== undefined) return false;
  print('redis-server is missing: installing it with apt-get (the OS package redis-server)');
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
    install();
  }
  return hasRedisServer();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPing(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {}); // refused while it starts: expected
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      // not up yet
    } finally {
      client.disconnect();
    }
    if (performance.now() > deadline) throw new Error('redis-server did not answer PING in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts a throw-away `redis-server` on loopback (127.0.0.1, a free port, nothing saved to disk), installing it
 * from the OS packages first when it is missing and possible.
 */
export async function startRedisServer(print: (line: string) => void): Promise<RunningRedis> {
  if (!installRedisServer(print)) {
    throw new Error(
      'redis-server is not installed. Install it (Debian/Ubuntu: apt-get update && apt-get install -y redis-server), ' +
        'or point REDIS_URL at a Redis you own.',
    );
  }
  const port = await freePort();
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForPing(url, child, 10_000);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
