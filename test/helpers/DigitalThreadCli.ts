import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The command-line entry point, run as a user runs it. */
export const CLI_BIN = join(process.cwd(), 'bin', 'digital-thread.js');

/** Exit status and output of one `digital-thread` run. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `digital-thread ARGS` in a child process, with warnings as the log level unless `env` sets another. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', env: { ...process.env, DT_LOG_LEVEL: 'warn', ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
