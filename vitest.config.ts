import { defineConfig } from 'vitest/config';
import { noteNodeSupport } from './functions/local/node-support.ts';

// Once for the run, not once per worker and per service process the tests start.
noteNodeSupport();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: integration suites each start their own dynalite; keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
