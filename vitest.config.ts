import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Every test touching storage runs twice: on SQLite files and on a PostgreSQL server.
 * Pure domain tests run once.
 */
const storageTests = [
  'src/db/**/*.test.ts',
  'src/services/**/*.test.ts',
  'src/api/**/*.test.ts',
  'src/jobs/**/*.test.ts',
  'src/demo/**/*.test.ts',
  'bench/**/*.test.ts',
  'test/**/*.test.ts',
];

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a two-core machine. The
    // tests spend much of their time waiting on PostgreSQL, child processes and the browser, and
    // each has a database of its own, so one worker more than the cores keeps them busy.
    maxWorkers: availableParallelism() + 1,
    // A worker keeps the modules it has loaded from one test file to the next, instead of loading
    // the whole application again for each file (that was a third of the suite's time). Tests
    // share no state through modules: each makes its own database, app and clock.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: [
            'src/**/*.test.ts',
            'bench/**/*.test.ts',
            'test/**/*.test.ts',
            'web/src/**/*.test.ts',
            'eslint-rules/**/*.test.ts',
          ],
          // Many processes on one database is what PostgreSQL is for: those tests run there.
          exclude: [...configDefaults.exclude, 'test/postgres/**'],
          env: { QANAT_TEST_DIALECT: 'sqlite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: storageTests,
          // The browser tests drive one server; their storage is covered by the API tests.
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
          env: { QANAT_TEST_DIALECT: 'postgres' },
        },
      },
    ],
  },
});
