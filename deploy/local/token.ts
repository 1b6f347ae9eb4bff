// Prints a bearer token for the HTTP APIs of a local installation, signed with the key set that
// `npm start` keeps in .data/auth-keys (or OTKLIK_AUTH_KEYS), valid for 15 minutes:
//   npx node -r @swc-node/register deploy/local/token.ts [role] [agency id]
// role: admin (default), operator, supervisor, agency (with an agency id), integration.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isRole, issueToken, parseKeySet } from '@otklik/auth';

const [role = 'admin', agencyId] = process.argv.slice(2);
if (!isRole(role)) throw new Error(`role "${role}": one of admin, operator, supervisor, agency, integration, service`);
if (role === 'agency' && !agencyId) throw new Error('an agency token needs the agency id: token.ts agency <agency id>');
const keys = parseKeySet(process.env.OTKLIK_AUTH_KEYS ?? readFileSync(resolve(__dirname, '../../.data/auth-keys'), 'utf8').trim());
process.stdout.write(`${issueToken({ sub: `local-${role}`, role, name: `local ${role}`, ...(agencyId ? { agencyId } : {}) }, keys)}\n`);
