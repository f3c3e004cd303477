/**
 * The `dt:trend` literal of a telemetry summary: the mean of each of N equal intervals of the summary's
 * window, in time order and in the summary's unit, written as decimals separated by single spaces, with
 * `-` for an interval without samples. Interval i (from 0) starts at windowStart + i × (windowEnd −
 * windowStart) / N and ends where interval i + 1 starts. N is the number of tokens.
 */

/** Token of an interval without samples, such as a week's hours on the ground. */
export const NO_SAMPLES = '-';

/** Minimum number of intervals in a trend, because a single interval is only the window's mean. */
export const MIN_TREND_INTERVALS = 2;

/** Most intervals a trend may have, which bounds the literal at a few kilobytes. */
export const MAX_TREND_INTERVALS = 1000;

const DECIMAL = '-?[0-9]+(\\.[0-9]+)?';
const TOKEN = `(${NO_SAMPLES}|${DECIMAL})`;

/**
 * Regular expression of a valid trend, in the syntax that both JavaScript and XPath (`sh:pattern`)
 * read the same way. shapes/TelemetrySummary.ttl repeats it, and a test checks that the two match.
 */
export const TREND_PATTERN = `^${TOKEN}( ${TOKEN}){${MIN_TREND_INTERVALS - 1},${MAX_TREND_INTERVALS - 1}}$`;

/** How to write a trend, for error messages. */
export const TREND_FORMAT_HINT =
  `write one decimal such as 28.01, or "${NO_SAMPLES}" for an interval without samples, per interval, ` +
  `separated by single spaces, with ${MIN_TREND_INTERVALS} to ${MAX_TREND_INTERVALS} intervals`;

/** A `dt:trend` literal that breaks the format; the message names the token at fault and the fix. */
export class TrendFormatError extends Error {}

/** Interval means of a trend in time order; `null` marks an interval without samples. */
export type TrendValues = ReadonlyArray<number | null>;

const DECIMAL_TOKEN = new RegExp(`^${DECIMAL}$`);

/** Parses a `dt:trend` literal, or throws a TrendFormatError that says what is wrong and how to write it. */
export function parseTrend(text: string): TrendValues {
  if (text.trim() === '') {
    throw new TrendFormatError(`dt:trend is empty; ${TREND_FORMAT_HINT}.`);
  }
  const tokens = text.split(' ');
  const values: Array<number | null> = [];
  for (const [index, token] of tokens.entries()) {
    if (token === NO_SAMPLES) {
      values.push(null);
    } else if (DECIMAL_TOKEN.test(token)) {
      values.push(Number(token));
    } else if (token === '') {
      throw new TrendFormatError(`dt:trend has an empty token at position ${index + 1} (a leading, trailing or double space); ${TREND_FORMAT_HINT}.`);
    } else {
      throw new TrendFormatError(`dt:trend token ${index + 1} "${token}" is not a decimal or "${NO_SAMPLES}"; ${TREND_FORMAT_HINT}.`);
    }
  }
  if (values.length < MIN_TREND_INTERVALS || values.length > MAX_TREND_INTERVALS) {
    throw new TrendFormatError(`dt:trend has ${values.length} interval${values.length === 1 ? '' : 's'}; ${TREND_FORMAT_HINT}.`);
  }
  return values;
}

/** Returns the start of interval `index` of a window split into `count` equal intervals, in milliseconds. */
export function intervalStart(windowStart: number, windowEnd: number, count: number, index: number): number {
  return windowStart + ((windowEnd - windowStart) * index) / count;
}
