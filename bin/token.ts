/**
 * `npm run token -- --dept MARKET --roles recorder,checker [--sub name] [--ttl seconds]`
 * prints a token the local server (same DATA_DIR / TOKEN_SECRET) accepts, and nothing else, on stdout.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dataDirOf } from '../functions/local/paths.ts';
import { localSecret, signToken } from '../functions/local/tokens.ts';
import { ROLES } from '../functions/http/auth.ts';

const USAGE = `usage: npm run token -- --dept <DEPT> --roles <role,role> [--sub <name>] [--ttl <seconds>]

Prints a bearer token the local service accepts (signed with the secret under DATA_DIR, or TOKEN_SECRET).
  --dept   the caller's department code, e.g. MARKET, TAX, APPROVAL (data/lists.json)
  --roles  comma-separated, any of: ${ROLES.join(', ')}
  --sub    the caller's name (default: <dept>-user)
  --ttl    lifetime in seconds (default 43200, twelve hours)
Example: curl -H "Authorization: Bearer $(npm run -s token -- --dept MARKET --roles checker)" http://localhost:3000/v1/...`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let values: { dept?: string; roles?: string; sub?: string; ttl?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      dept: { type: 'string' },
      roles: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string', default: String(12 * 3600) },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (!values.dept || !values.roles) fail('--dept and --roles are required');
const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (unknown.length) fail(`unknown role(s): ${unknown.join(', ')}`);
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl < 1) fail(`--ttl must be a whole number of seconds, not ${values.ttl}`);
const token = await signToken(localSecret(dataDirOf(root)), { sub: values.sub ?? `${values.dept.toLowerCase()}-user`, dept: values.dept, roles }, ttl);
process.stdout.write(token + '\n');
