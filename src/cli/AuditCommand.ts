import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_FILE } from '../audit/AuditLog.js';
import { auditEntriesBetween, csvRecord, CSV_COLUMNS, verifyAuditLog } from '../audit/AuditVerifier.js';
import { dataDirectoryOption, parseSubcommand } from './Subcommand.js';
import { UsageError } from './UsageError.js';

const HELP = `Usage: digital-thread audit <verify|export> [options]

Reads the audit log (audit.jsonl in the data directory). Both work while the server runs.

  audit verify                          check the hash chain; names the first broken line and why
  audit export --from TIME --to TIME    print the entries from TIME (inclusive) to TIME (exclusive),
                                        ISO 8601 such as 2026-01-01 or 2026-01-01T08:00:00Z
    --format csv|jsonl                  output format (default jsonl)

  --data DIR    data directory (env DT_DATA, default ./data)`;

/** Runs `digital-thread audit ...`; exit code 1 when the chain is broken. */
export async function runAudit(args: string[]): Promise<number> {
  const parsed = parseSubcommand('audit', args, { data: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' } }, HELP);
  if ('exitCode' in parsed) {
    return parsed.exitCode;
  }
  const { action, values } = parsed;
  const directory = dataDirectoryOption(values.data);
  if (!existsSync(join(directory, AUDIT_FILE))) {
    process.stderr.write(`No audit log at ${join(directory, AUDIT_FILE)}; give the server's data directory with --data.\n`);
    return 1;
  }

  switch (action) {
    case 'verify': {
      const result = verifyAuditLog(directory);
      if (!result.valid) {
        process.stdout.write(`Audit log broken at line ${result.line}: ${result.reason}. The ${result.entries} entries before it are intact.\n`);
        return 1;
      }
      process.stdout.write(`Audit log intact: ${result.entries} entries, last hash ${result.lastHash}.${result.note === undefined ? '' : ` Note: ${result.note}.`}\n`);
      return 0;
    }
    case 'export': {
      const from = parseTime(values.from, '--from');
      const to = parseTime(values.to, '--to');
      const format = values.format ?? 'jsonl';
      if (format !== 'csv' && format !== 'jsonl') {
        throw new UsageError(`--format "${format}" is not supported; use csv or jsonl.`);
      }
      if (format === 'csv') {
        process.stdout.write(`${CSV_COLUMNS.join(',')}\r\n`);
      }
      for (const entry of auditEntriesBetween(directory, from, to)) {
        process.stdout.write(format === 'csv' ? `${csvRecord(entry)}\r\n` : `${JSON.stringify(entry)}\n`);
      }
      return 0;
    }
    default:
      throw new UsageError(`Unknown audit action "${action}".\n\n${HELP}`);
  }
}

function parseTime(value: string | undefined, option: string): Date {
  const time = value === undefined ? Number.NaN : Date.parse(value);
  if (Number.isNaN(time)) {
    throw new UsageError(`audit export needs ${option} with an ISO 8601 time such as 2026-01-01T00:00:00Z${value === undefined ? '' : `; "${value}" is not one`}.`);
  }
  return new Date(time);
}
