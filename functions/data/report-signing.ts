import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { readConfig } from '../config.ts';
import { keyIdOf } from '#domain/credit-reports.ts';

/**
 * The deployment's report-signing key (Ed25519). In AWS its seed is derived from a Secrets Manager secret
 * of the stateful stack (REPORT_SIGNING_SECRET_ARN), so the key outlives every function and a new secret
 * version is a new key; locally it is a key file under DATA_DIR (REPORT_SIGNING_KEY_FILE), made on first
 * use. `since` is when the key came into being (the secret version's creation, the file's): the published
 * key list says from when a key signs, and every process of a deployment must agree on it.
 */
export interface ReportSigner {
  keyId: string;
  /** The raw 32-byte public key. */
  publicKey: Buffer;
  since: string;
  sign(digest: Buffer): Buffer;
}

/** The DER prefix of an Ed25519 PKCS#8 private key: the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const privateKeyFromSeed = (seed: Buffer) => createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

function signerOf(privateKey: KeyObject, since: string): ReportSigner {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const publicKey = Buffer.from(spki.subarray(spki.length - 32));
  return { keyId: keyIdOf(publicKey), publicKey, since, sign: (digest) => sign(null, digest, privateKey) };
}

const keyFile = z.object({ created: z.iso.datetime(), seed: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) });

/** The local key file: read, or made once (a concurrent maker loses the exclusive create and reads the winner's). */
async function localSigner(path: string): Promise<ReportSigner> {
  const read = async () => keyFile.parse(JSON.parse(await readFile(path, 'utf8')));
  let stored: z.infer<typeof keyFile>;
  try {
    stored = await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`The report-signing key file ${path} is unreadable: ${(error as Error).message}`, { cause: error });
    const pkcs8 = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' });
    const fresh = { created: new Date().toISOString(), seed: Buffer.from(pkcs8.subarray(ED25519_PKCS8_PREFIX.length)).toString('base64') };
    await mkdir(dirname(path), { recursive: true });
    try {
      await writeFile(path, `${JSON.stringify(fresh)}\n`, { flag: 'wx', mode: 0o600 });
      stored = fresh;
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== 'EEXIST') throw raced;
      stored = await read();
    }
  }
  return signerOf(privateKeyFromSeed(Buffer.from(stored.seed, 'base64')), stored.created);
}

/** The seed of a secret's value: a domain-separated SHA-256, so the secret string itself is never the key. */
export const seedOfSecret = (secret: string) => createHash('sha256').update(`credit-report-signing-key\n${secret}`, 'utf8').digest();

async function secretSigner(secretArn: string, region: string): Promise<ReportSigner> {
  const answer = await new SecretsManagerClient({ region }).send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!answer.SecretString || !answer.CreatedDate) throw new Error(`Secret ${secretArn} holds no string`);
  return signerOf(privateKeyFromSeed(seedOfSecret(answer.SecretString)), answer.CreatedDate.toISOString());
}

let current: Promise<ReportSigner> | undefined;

/** The signer, read at first use (the local runtime sets the key file's path when it starts) and kept. */
export function reportSigner(): Promise<ReportSigner> {
  if (!current) {
    const settings = readConfig();
    if (settings.REPORT_SIGNING_SECRET_ARN) current = secretSigner(settings.REPORT_SIGNING_SECRET_ARN, settings.AWS_REGION);
    else if (settings.REPORT_SIGNING_KEY_FILE) current = localSigner(settings.REPORT_SIGNING_KEY_FILE);
    else throw new Error('No report-signing key: set REPORT_SIGNING_SECRET_ARN (AWS) or REPORT_SIGNING_KEY_FILE (local)');
    current.catch(() => (current = undefined));
  }
  return current;
}

/** For tests: forget the signer, so the next use reads the key again. */
export const resetReportSigner = () => {
  current = undefined;
};
