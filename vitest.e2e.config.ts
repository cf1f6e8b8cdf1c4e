import { defineConfig } from 'vitest/config'

/** Browser tests: real server child process + Debian Chromium via playwright-core. Run after `npm run build:web`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    exclude: ['node_modules/**'],
    pool: 'forks',
    // One Chromium and one server at a time: the CI machine has two cores.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
})
