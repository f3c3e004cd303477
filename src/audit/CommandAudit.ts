import { userInfo } from 'node:os';
import { AuditLog } from './AuditLog.js';

/** The audit record of a command-line run: its action, the data it read or wrote, and a sentence of detail. */
export interface CommandAuditRecord {
  action: string;
  /** The command line's name for what it did, such as `digital-thread package`. */
  command: string;
  resource: string;
  detail: string;
  /** Bytes the command read in, such as the size of a loaded file. */
  bytesIn?: number;
  /** Bytes the command wrote out, such as the size of an exported package. */
  bytesOut?: number;
}

/**
 * Appends the record of a command-line run to the data directory's audit log, in the same hash chain
 * as the server's requests. The user is the operating-system account that ran the command. Only one
 * process writes the log at a time, because these commands, like the server, hold the data directory
 * lock while they run.
 */
export async function recordCommand(dataDirectory: string, record: CommandAuditRecord): Promise<void> {
  const log = new AuditLog(dataDirectory);
  await log.open();
  log.append({
    time: new Date().toISOString(),
    requestId: '-',
    user: `cli:${userInfo().username}`,
    authMethod: 'local',
    ip: '',
    userAgent: record.command,
    action: record.action,
    method: '',
    resource: record.resource,
    status: 0,
    bytesIn: record.bytesIn ?? 0,
    bytesOut: record.bytesOut ?? 0,
    detail: record.detail,
  });
  await log.close();
}
