import { defineConfig } from 'vitest/config';

// Tests run against source: the `@hrsync/source` export condition points every
// workspace package at its `src/index.ts`, so nothing needs building first.
const sourceConditions = ['@hrsync/source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'scripts/test/**/*.test.ts',
      'tests/*/test/**/*.test.ts',
    ],
    environment: 'node',
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
    typecheck: { enabled: false },
    testTimeout: 20_000,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
