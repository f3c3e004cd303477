import type { Random } from './Random.js';

/** Timestamps of the sample programme, as milliseconds since the Unix epoch (UTC). */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Earliest timestamp in the data set. */
export const DATA_START = parseInstant('2023-01-02T08:00:00Z');

/** Latest timestamp in the data set: the day the sample programme's snapshot was taken. */
export const DATA_END = parseInstant('2026-11-27T18:00:00Z');

/** Parses an ISO 8601 date or date-time; a bare date means midnight UTC. */
export function parseInstant(text: string): number {
  const value = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(value)) {
    throw new RangeError(`Invalid ISO 8601 timestamp: ${text}`);
  }
  return value;
}

/** Formats an instant as an xsd:dateTime in UTC with whole seconds, for example 2024-05-17T09:42:13Z. */
export function formatDateTime(instant: number): string {
  return new Date(Math.floor(instant / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Formats an instant as an xsd:date, for example 2024-05-17. */
export function formatDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

export function clampInstant(instant: number, earliest = DATA_START, latest = DATA_END): number {
  return Math.min(Math.max(instant, earliest), latest);
}

/**
 * Returns a random instant during working hours (Monday to Friday, 07:00 to 18:00 UTC) between
 * `earliest` and `latest`. The result never falls outside [earliest, latest], even when the range
 * contains no working hours.
 */
export function workingInstant(random: Random, earliest: number, latest: number): number {
  const low = clampInstant(earliest);
  const high = clampInstant(Math.max(latest, low));
  const dayStart = Math.floor((low + random.next() * (high - low)) / DAY_MS) * DAY_MS;
  let day = dayStart;
  const weekday = new Date(day).getUTCDay();
  if (weekday === 6) {
    day += 2 * DAY_MS;
  } else if (weekday === 0) {
    day += DAY_MS;
  }
  const time = 7 * HOUR_MS + Math.floor(random.next() * 11 * HOUR_MS / 1000) * 1000;
  return Math.min(Math.max(day + time, low), high);
}

/** Returns an instant during working hours `minDays` to `maxDays` calendar days after `start`, never before `start` and never after DATA_END. */
export function workingInstantAfter(random: Random, start: number, minDays: number, maxDays: number): number {
  const earliest = Math.min(start + minDays * DAY_MS, DATA_END);
  const latest = Math.min(start + maxDays * DAY_MS, DATA_END);
  return Math.max(workingInstant(random, earliest, latest), start);
}
