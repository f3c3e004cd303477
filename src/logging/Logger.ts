import { AsyncLocalStorage } from 'node:async_hooks';
import winston from 'winston';

/** The request being handled, so that every log line written on its behalf carries its id. */
export const requestScope = new AsyncLocalStorage<{ id: string }>();

const withRequestId = winston.format((info) => {
  const scope = requestScope.getStore();
  if (scope !== undefined && info.id === undefined) {
    info.id = scope.id;
  }
  return info;
});

/**
 * One winston root logger for the process; each class takes a child logger labelled with its own name
 * (`getLogger('EmbeddedStore')`), so every line says where it came from.
 *
 * Lines go to standard error as `timestamp level [label] message {meta}`, or as JSON when `DT_LOG_FORMAT=json`.
 * Standard output stays free for command output such as `digital-thread load` summaries.
 */
const lineFormat = winston.format.printf((info) => {
  const { timestamp, level, message, label, ...meta } = info;
  const extra = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
  return `${String(timestamp)} ${level} [${String(label)}] ${String(message)}${extra}`;
});

const root = winston.createLogger({
  level: process.env.DT_LOG_LEVEL ?? 'info',
  format: winston.format.combine(
    withRequestId(),
    winston.format.timestamp(),
    winston.format.errors({ stack: false }),
    process.env.DT_LOG_FORMAT === 'json' ? winston.format.json() : lineFormat,
  ),
  transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] })],
});

export type Logger = winston.Logger;

/** Returns a child logger whose lines carry `label`. */
export function getLogger(label: string): Logger {
  return root.child({ label });
}

/** Sets the level of every logger (error, warn, info, http, verbose, debug). */
export function setLogLevel(level: string): void {
  root.level = level;
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug'] as const;

/** Returns the message of a caught value without its stack, for log metadata. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
