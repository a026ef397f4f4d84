import { defineConfig } from 'vitest/config';

/** Browser journeys (e2e/): each file starts its own Mitra and Chromium; files run one at a time. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
