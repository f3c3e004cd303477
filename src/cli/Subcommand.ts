import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseCommandLine } from './CommandLine.js';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type ParsedValues<T extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: true }>>['values'];

/** A parsed subcommand: its action, the positionals after it and the option values. */
export interface SubcommandArgs<T extends OptionsConfig> {
  action: string;
  rest: string[];
  values: ParsedValues<T>;
}

/**
 * Parses `<action> [argument]... [option]...` of a command with actions, such as `apikey create`. An
 * unknown option raises a UsageError (see parseCommandLine). With `--help`, or without an action, it
 * prints the help and returns the exit code instead: 0 when help was requested, else 2.
 */
export function parseSubcommand<T extends OptionsConfig>(command: string, args: string[], options: T, help: string): SubcommandArgs<T> | { exitCode: number } {
  const parsed = parseCommandLine(command, { args, options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: true });
  const [action, ...rest] = parsed.positionals;
  const helpRequested = (parsed.values as { help?: boolean }).help === true;
  if (helpRequested || action === undefined) {
    process.stdout.write(`${help}\n`);
    return { exitCode: helpRequested ? 0 : 2 };
  }
  return { action, rest, values: parsed.values as ParsedValues<T> };
}

/** Returns the data directory of `--data`, else of DT_DATA, else ./data, as an absolute path. */
export function dataDirectoryOption(value: string | undefined): string {
  return resolve(value ?? process.env.DT_DATA ?? './data');
}
