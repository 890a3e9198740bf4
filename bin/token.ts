/**
 * `npm run token -- --dept MARKET --roles recorder,checker [--sub name] [--ttl seconds]`
 * prints a token the local server (same DATA_DIR / TOKEN_SECRET) accepts, and nothing else, on stdout.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localSecret, signToken } from '../functions/local/tokens.ts';
import { ROLES } from '../functions/http/auth.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    dept: { type: 'string' },
    roles: { type: 'string' },
    sub: { type: 'string' },
    ttl: { type: 'string', default: String(12 * 3600) },
  },
});
if (!values.dept || !values.roles) {
  console.error('usage: npm run token -- --dept <DEPT> --roles <role,role> [--sub <name>] [--ttl <seconds>]');
  process.exit(2);
}
const roles = values.roles.split(',').map((r) => r.trim()).filter(Boolean);
const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
if (unknown.length) {
  console.error(`unknown role(s): ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  process.exit(2);
}
const dataDir = resolve(process.env.DATA_DIR ?? resolve(root, 'data'));
const token = await signToken(localSecret(dataDir), { sub: values.sub ?? `${values.dept.toLowerCase()}-user`, dept: values.dept, roles }, Number(values.ttl));
process.stdout.write(token + '\n');
