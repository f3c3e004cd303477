import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/ServerConfig.js';
import { getLogger } from '../logging/Logger.js';
import { PROJECT_ROOT } from '../server/DigitalThreadServer.js';
import { LoadError } from '../load/RdfFileSource.js';
import { EncryptionKeyError, StoreLockedError } from '../store/StoreError.js';
import { ImportError } from '../import/ImportErrors.js';
import { runApiKey } from './ApiKeyCommand.js';
import { runAudit } from './AuditCommand.js';
import { runEncryption } from './EncryptionCommand.js';
import { runImportCommand } from './ImportCommand.js';
import { runLoad } from './LoadCommand.js';
import { runPackage } from './PackageCommand.js';
import { runServe } from './ServeCommand.js';
import { runTrace } from './TraceCommand.js';
import { runUsers } from './UsersCommand.js';
import { UsageError } from './UsageError.js';

const USAGE = `Usage: digital-thread <command> [options]

Commands:
  serve              start the OSLC provider (loads the sample programme into an empty store)
  load FILE...       load RDF files (.ttl .nt .nq .trig .rdf .jsonld) into the data directory
  import FORMAT FILE import parts, BOM lines and requirements (step, csv, plmxml, odata, reqif)
  apikey ...         create, list and revoke API keys for service accounts
  users ...          add, remove and list the users of HTTP Basic authentication
  audit ...          verify the audit log's hash chain, export entries of a time range
  encryption ...     show and rotate the key that encrypts the journal and snapshots
  trace              traceability and gap analysis of a service provider
  package ...        assemble a compliance package of a release, or verify one
  help               show this text

Run "digital-thread <command> --help" for the options of a command.`;

/** Entry point of the `digital-thread` command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await runServe(rest);
      case 'load':
        return await runLoad(rest);
      case 'import':
        return await runImportCommand(rest);
      case 'apikey':
        return await runApiKey(rest);
      case 'users':
        return await runUsers(rest);
      case 'audit':
        return await runAudit(rest);
      case 'encryption':
        return await runEncryption(rest);
      case 'trace':
        return await runTrace(rest);
      case 'package':
        return await runPackage(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return 0;
      case '--version':
      case '-v':
        process.stdout.write(`${(JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (error instanceof StoreLockedError || error instanceof LoadError || error instanceof ImportError || error instanceof EncryptionKeyError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    getLogger('cli').error('Command failed', { command, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return 1;
  }
}


const isEntryPoint = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntryPoint) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
