import { defineConfig } from 'vitest/config';

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
