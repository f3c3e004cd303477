import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestName } from '../query/ParameterNames.js';
import { UsageError } from './UsageError.js';

/**
 * Parses the arguments of `digital-thread <command>` with node's parseArgs. A command line that
 * parseArgs rejects raises a UsageError with one line on the problem and one pointing to `--help`. An
 * unknown option is named with the closest known one, such as "Unknown option --dryrun; did you mean
 * --dry-run?".
 */
export function parseCommandLine<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined || !code.startsWith('ERR_PARSE_ARGS_')) {
      throw error;
    }
    const problem = (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? unknownOptionMessage(config) : undefined) ?? (error as Error).message;
    throw new UsageError(`${problem}\nRun "digital-thread ${command} --help" for the options.`);
  }
}

/**
 * Returns the message for the first unknown option of a command line. The option is named as typed
 * up to any `=value`, so `-dry-run` stays whole rather than becoming the short option `-d` that
 * parseArgs reports.
 */
function unknownOptionMessage(config: ParseArgsConfig): string | undefined {
  const args = config.args ?? [];
  const options = config.options ?? {};
  const { tokens } = parseArgs({ args, options, strict: false, allowPositionals: true, tokens: true });
  const unknown = tokens.find((token) => token.kind === 'option' && !Object.hasOwn(options, token.name));
  if (unknown === undefined || unknown.kind !== 'option') {
    return undefined;
  }
  const typed = unknown.rawName.startsWith('--') ? unknown.rawName : args[unknown.index]!.split('=')[0]!;
  const suggestion = closestName(typed.replace(/^-+/, ''), Object.keys(options));
  return suggestion === undefined ? `Unknown option ${typed}.` : `Unknown option ${typed}; did you mean --${suggestion}?`;
}
