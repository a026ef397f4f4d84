import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests. Integration tests run on PGlite, and once more on PostgreSQL when
 * TEST_DATABASE_URL is set (MITRA_REQUIRE_ALL_TESTS=1 makes that run mandatory).
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const common = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };

export default defineConfig({
  test: {
    projects: [
      {
        test: { ...common, name: 'unit', include: ['src/**/*.unit.test.ts'] },
      },
      {
        test: {
          ...common,
          name: 'pglite',
          include: ['src/**/*.int.test.ts'],
          globalSetup: ['src/testing/global-setup.ts'],
          env: { MITRA_TEST_DB: 'pglite' },
        },
      },
      ...(onPostgres
        ? [
            {
              test: {
                ...common,
                name: 'postgres',
                include: ['src/**/*.int.test.ts'],
                globalSetup: ['src/testing/global-setup-postgres.ts'],
                env: { MITRA_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
