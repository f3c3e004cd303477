import { resolve } from 'node:path';
import { BasicUsers, hashPassword } from '../auth/BasicUsers.js';
import { CLEARANCES } from '../auth/ExportControl.js';
import { clearancesOption } from './ClearanceOption.js';
import { parseSubcommand } from './Subcommand.js';
import { UsageError } from './UsageError.js';

const HELP = `Usage: digital-thread users <add|remove|list> --file FILE [options]

Manages the users file of HTTP Basic authentication (serve --basic-auth FILE). Passwords are stored
as scrypt hashes; changes take effect at once, also in a running server.

  users add --file FILE --name NAME --role ROLE [--role ROLE]... [--clearance C]... [--display-name TEXT]
                       add or replace a user; the password is read from the first line of standard input
                       (clearances: ${CLEARANCES.join(', ')})
  users remove --file FILE --name NAME
  users list --file FILE`;

/** Runs `digital-thread users ...`. */
export async function runUsers(args: string[]): Promise<number> {
  const parsed = parseSubcommand('users', args, {
        file: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        clearance: { type: 'string', multiple: true },
        'display-name': { type: 'string' }
      }, HELP);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  const { action, values } = parsed;
  if (values.file === undefined) {
    throw new UsageError(`users ${action} needs --file, the users file that serve --basic-auth reads.\n\n${HELP}`);
  }
  const users = new BasicUsers(resolve(values.file));

  switch (action) {
    case 'add': {
      const name = values.name;
      if (name === undefined || !/^[^:\s]+$/.test(name)) {
        throw new UsageError('users add needs --name, a user name without spaces or colons (HTTP Basic separates name and password with a colon).');
      }
      const roles = values.role ?? [];
      if (roles.length === 0) {
        throw new UsageError('users add needs at least one --role, such as --role viewer.');
      }
      const clearances = clearancesOption(values.clearance);
      const password = await readFirstLine();
      if (password.length < 12) {
        throw new UsageError('The password from standard input is shorter than 12 characters; choose a longer one.');
      }
      users.put({ name, ...(parsed.values['display-name'] === undefined ? {} : { displayName: parsed.values['display-name'] }), password: await hashPassword(password), roles, clearances });
      process.stdout.write(`Stored user ${name} with role${roles.length === 1 ? '' : 's'} ${roles.join(', ')}.\n`);
      return 0;
    }
    case 'remove':
      if (values.name === undefined || !users.remove(values.name)) {
        process.stderr.write(`No user ${values.name ?? '(missing --name)'} is in ${values.file}; users list shows the names.\n`);
        return 1;
      }
      process.stdout.write(`Removed user ${values.name}.\n`);
      return 0;
    case 'list':
      for (const user of users.list()) {
        process.stdout.write(`${user.name.padEnd(20)} ${user.roles.join(',').padEnd(30)} ${(user.clearances ?? []).join(',') || '-'}\n`);
      }
      return 0;
    default:
      throw new UsageError(`Unknown users action "${action}".\n\n${HELP}`);
  }
}

async function readFirstLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(0x0a)) {
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
