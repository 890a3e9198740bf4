import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
  const child: ChildProcess = fork(fileURLToPath(new URL('./store-process.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { endpoint: string }).endpoint));
    child.once('exit', (code) => reject(new Error(`store process exited (${code}) before listening`)));
  });
  return {
    endpoint,
    kind: 'dynalite-process',
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('close');
      }),
  };
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
