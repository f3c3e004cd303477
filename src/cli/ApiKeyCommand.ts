import { mkdirSync } from 'node:fs';
import { ApiKeyStore, ROLES, type Role } from '../auth/ApiKeyStore.js';
import { CLEARANCES } from '../auth/ExportControl.js';
import { clearancesOption } from './ClearanceOption.js';
import { dataDirectoryOption, parseSubcommand } from './Subcommand.js';
import { UsageError } from './UsageError.js';

const HELP = `Usage: digital-thread apikey <create|list|revoke> [options]

Manages API keys for service accounts. Keys work at once, also in a running server.

  apikey create --name NAME [--role ROLE] [--clearance C]...
                                            create a key and print it once (roles: ${ROLES.join(', ')};
                                            default viewer). --clearance (${CLEARANCES.join(', ')}; repeatable)
                                            lets the key read export-controlled resources; without it the
                                            key reads unmarked resources only
  apikey list                               list keys (never their secrets)
  apikey revoke ID                          revoke a key by its id

  --data DIR    data directory (env DT_DATA, default ./data)`;

/** Runs `digital-thread apikey ...`. */
export async function runApiKey(args: string[]): Promise<number> {
  const parsed = parseSubcommand('apikey', args, { data: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, clearance: { type: 'string', multiple: true } }, HELP);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  const { action, rest, values } = parsed;

  const directory = dataDirectoryOption(values.data);
  mkdirSync(directory, { recursive: true });
  const keys = new ApiKeyStore(directory);

  switch (action) {
    case 'create': {
      const name = values.name;
      const role = (values.role ?? 'viewer') as Role;
      if (name === undefined || name.trim() === '') {
        throw new UsageError(`apikey create needs --name, a label such as "ci-pipeline".\n\n${HELP}`);
      }
      if (!ROLES.includes(role)) {
        throw new UsageError(`--role "${role}" is not a role; use one of ${ROLES.join(', ')}.`);
      }
      const clearances = clearancesOption(values.clearance);
      const created = keys.create(name, role, clearances);
      const cleared = clearances.length === 0 ? 'no export-control clearance' : `clearance ${clearances.join(', ')}`;
      process.stdout.write(`Created API key ${created.record.id} "${name}" with the ${role} role and ${cleared}. Store it now; it is not shown again:\n${created.key}\n`);
      return 0;
    }
    case 'list':
      for (const record of keys.list()) {
        const clearances = (record.clearances ?? []).join(',') || '-';
        process.stdout.write(`${record.id}  ${record.role.padEnd(13)} ${clearances.padEnd(14)} ${record.created}  ${record.revoked === undefined ? 'active ' : `revoked ${record.revoked}`}  ${record.name}\n`);
      }
      return 0;
    case 'revoke': {
      const id = rest[0];
      if (id === undefined) {
        throw new UsageError(`apikey revoke needs the key id that apikey list shows.\n\n${HELP}`);
      }
      if (!keys.revoke(id)) {
        process.stderr.write(`No active API key has the id ${id}; apikey list shows the ids.\n`);
        return 1;
      }
      process.stdout.write(`Revoked API key ${id}.\n`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown apikey action "${action}".\n\n${HELP}`);
  }
}
