import { startStoreProcess as startEmbeddedStoreProcess } from '../../functions/local/store.ts';

export interface TestStore {
  endpoint: string;
  /** `dynalite-process`: a dynalite child this test started; `suite`: the suite's store (DynamoDB Local). */
  kind: 'dynalite-process' | 'suite';
  close(): Promise<void>;
}

/**
 * The store endpoint of the whole run, when one is set: `npm run test:dynamodb-local` starts
 * DynamoDB Local once and passes its endpoint here, so every test file runs against it.
 */
export function suiteStoreEndpoint(): string | undefined {
  return process.env.TEST_STORE_ENDPOINT || undefined;
}

/** An in-memory dynalite in a child process; resolves once it listens. */
export async function startStoreProcess(): Promise<TestStore> {
  const store = await startEmbeddedStoreProcess();
  return { endpoint: store.endpoint, kind: 'dynalite-process', close: store.close };
}

/**
 * A store in its own process for tests that stop or kill the service: the suite's store when the run
 * has one, otherwise a fresh dynalite child. Tests use their own table names, so sharing is safe.
 */
export async function startTestStore(): Promise<TestStore> {
  const suite = suiteStoreEndpoint();
  if (suite) return { endpoint: suite, kind: 'suite', close: async () => {} };
  return startStoreProcess();
}
