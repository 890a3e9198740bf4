import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * `npm run test:dynamodb-local`: the integration and fault suites against AWS's own DynamoDB Local,
 * which refuses what DynamoDB refuses (key and item sizes, expression rules) where dynalite may not.
 * Same settings as vitest.config.ts otherwise (not merged: merging would add its include to this one).
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['test/integration/**/*.test.ts', 'test/fault/**/*.test.ts'],
    globalSetup: ['test/support/dynamodb-local-setup.ts'],
  },
});
