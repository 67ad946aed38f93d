import { defineConfig, type Options } from 'tsup';

/**
 * The build every published package shares: ESM for Node 22+, declarations, source maps. Each package's
 * `tsup.config.ts` names only its entry points (and anything it needs on top).
 */
export function definePackageBuild(entry: Record<string, string>, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node22',
    platform: 'node',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    treeshake: true,
    ...extra,
  });
}
