import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `fast`: everything that runs in-process (pure rules, the store, the import,
 * the render, the Kivra client and emulator), `npm run test:fast`. `cli`: the built CLI
 * through execa in temp directories, end to end and under faults; its global setup builds
 * dist/ first when src/ is newer, so it never runs against a stale build.
 * `npm test` runs both. The fast tier shares its workers between files (`isolate: false`):
 * loading the modules again for each file was a third of its time.
 */
export default defineConfig({
  test: {
    // End-to-end suites spawn the built CLI and a loopback Kivra; give them room on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'fast', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**', 'test/reliability/**'], isolate: false } },
      {
        extends: true,
        test: { name: 'cli', include: ['test/e2e/**/*.test.ts', 'test/reliability/**/*.test.ts'], globalSetup: ['test/helpers/fresh-build.ts'] },
      },
    ],
  },
});
