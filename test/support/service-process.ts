import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signToken } from '../../functions/local/tokens.ts';
import { ROOT } from './service.ts';

const EXIT_WITH_PARENT = fileURLToPath(new URL('./exit-with-parent.ts', import.meta.url));

export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  token(dept: string, roles: string[], sub?: string): Promise<string>;
  /** SIGTERM, as a user stopping `npm start`; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
}

export interface ServiceProcessOptions {
  /** The store the service runs over (DYNAMODB_ENDPOINT). */
  endpoint: string;
  dataDir: string;
  tableName: string;
  /** TOKEN_SECRET, so the test can mint tokens the service accepts. */
  secret: string;
  env?: Record<string, string>;
}

/** Environment of a user's shell, without any AWS setting: the local service must not need one. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('AWS_') && !['TEST_STORE_ENDPOINT', 'TABLE_NAME', 'DYNAMODB_ENDPOINT', 'TOKEN_SECRET'].includes(k)) env[k] = v;
  }
  return env;
}

/** Runs `npm start`'s entry point (bin/start.ts) as its own process on a free port; resolves once it listens. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', EXIT_WITH_PARENT, 'bin/start.ts'], {
    cwd: ROOT,
    env: {
      ...cleanEnv(),
      DYNAMODB_ENDPOINT: options.endpoint,
      TABLE_NAME: options.tableName,
      DATA_DIR: options.dataDir,
      PORT: '0',
      DEMO_DATA: '0',
      TOKEN_SECRET: options.secret,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      PUBLIC_RATE_LIMIT: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 60_000;
  let port: string | undefined;
  while (!(port = /listening on http:\/\/localhost:(\d+)/.exec(output)?.[1])) {
    if (Date.now() > deadline || child.exitCode !== null || child.signalCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`service did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const secret = new TextEncoder().encode(options.secret);
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    token: (dept, roles, sub) => signToken(secret, { sub: sub ?? `${dept.toLowerCase()}-tester`, dept, roles }),
    stop: async () => {
      if (running()) child.kill('SIGTERM');
      await exited;
      return child.exitCode;
    },
    kill: async () => {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
  };
}
