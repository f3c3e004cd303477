import { HOUR_MS } from './Calendar.js';
import type { Random } from './Random.js';

/** Intervals of a weekly summary's trend: 28 intervals of 6 hours. */
export const TREND_INTERVALS = 28;

const INTERVAL_MS = (7 * 24 * HOUR_MS) / TREND_INTERVALS;

/**
 * Flying slots of the week: two 8-hour slots a day, 06:00 to 14:00 and 14:00 to 22:00 UTC. A unit flies
 * at most one sortie in a slot, so sorties never overlap, and it never flies from 22:00 to 06:00.
 */
const SLOTS_PER_DAY = 2;
const SLOT_HOURS = 8;
const FIRST_SLOT_HOUR = 6;
const SLOTS = 7 * SLOTS_PER_DAY;

/** Statistics of a planned summary that its trend and anomaly times must agree with. */
export interface TrendStatistics {
  windowStart: number;
  /** Hours flown in the window, which sampleCount counts at the parameter's sample rate. */
  flightHours: number;
  minimum: number;
  maximum: number;
  mean: number;
  standardDeviation: number;
  anomalyCount: number;
  fractionDigits: number;
}

export interface PlannedTrend {
  /** Mean of each interval, rounded to the parameter's resolution, or null where the unit did not fly. */
  trend: Array<number | null>;
  /** Instants of the flagged anomalies in whole seconds, ascending, each inside a sortie. */
  anomalyTimes: number[];
}

interface Sortie {
  start: number;
  end: number;
}

/**
 * Plans a summary's trend from its statistics. The flight hours are split into sorties in the week's
 * flying slots, an interval's mean exists only where a sortie overlaps it, and the anomalies fall inside
 * sorties. Interval means drift around the summary's mean by a fraction of its standard deviation and
 * the intervals with an anomaly are raised toward the maximum. Their flight-time-weighted mean equals
 * the summary's mean before they are clamped to [minimum, maximum] and rounded.
 */
export function planTrend(random: Random, statistics: TrendStatistics): PlannedTrend {
  const sorties = planSorties(random, statistics.windowStart, statistics.flightHours);
  const exposure = new Array<number>(TREND_INTERVALS).fill(0);
  for (const sortie of sorties) {
    for (let index = 0; index < TREND_INTERVALS; index++) {
      const from = statistics.windowStart + index * INTERVAL_MS;
      exposure[index]! += Math.max(0, Math.min(sortie.end, from + INTERVAL_MS) - Math.max(sortie.start, from));
    }
  }

  const anomalyTimes = planAnomalyTimes(random, sorties, statistics.anomalyCount);
  const anomalous = new Set(anomalyTimes.map((time) => Math.floor((time - statistics.windowStart) / INTERVAL_MS)));
  const means = intervalMeans(random, statistics, exposure, anomalous);

  const { minimum, maximum, fractionDigits } = statistics;
  const trend = means.map((value) => (value === null ? null : Number(Math.min(maximum, Math.max(minimum, value)).toFixed(fractionDigits))));
  return { trend, anomalyTimes };
}

/** Splits the flight hours into sorties of similar length, one in each of several distinct slots, on whole minutes. */
function planSorties(random: Random, windowStart: number, flightHours: number): Sortie[] {
  const count = Math.min(SLOTS, Math.max(1, Math.ceil(flightHours / random.between(2, 3.5))));
  const slots = random
    .shuffle([...Array(SLOTS).keys()])
    .slice(0, count)
    .sort((a, b) => a - b);
  const weights = slots.map(() => random.between(0.7, 1.3));
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const minute = 60_000;
  // A sortie lasts at most 1.3 / 0.7 times the average, and the average is at most 3.5 hours, so every
  // sortie fits its 8-hour slot.
  return slots.map((slot, index) => {
    const duration = Math.round((flightHours * HOUR_MS * weights[index]!) / totalWeight / minute) * minute;
    const day = Math.floor(slot / SLOTS_PER_DAY);
    const slotStart = windowStart + day * 24 * HOUR_MS + (FIRST_SLOT_HOUR + (slot % SLOTS_PER_DAY) * SLOT_HOURS) * HOUR_MS;
    const start = slotStart + Math.floor(random.between(0, SLOT_HOURS * HOUR_MS - duration) / minute) * minute;
    return { start, end: start + duration };
  });
}

/** Picks distinct whole-second instants inside the sorties, each sortie in proportion to its length. */
function planAnomalyTimes(random: Random, sorties: readonly Sortie[], count: number): number[] {
  const flown = sorties.reduce((sum, sortie) => sum + sortie.end - sortie.start, 0);
  const times = new Set<number>();
  while (times.size < count) {
    let offset = random.between(0, flown);
    const sortie = sorties.find((candidate) => {
      const length = candidate.end - candidate.start;
      if (offset < length) {
        return true;
      }
      offset -= length;
      return false;
    }) ?? sorties[sorties.length - 1]!;
    // Sorties start on whole minutes, so rounding down to the second stays inside the sortie.
    times.add(Math.floor(Math.min(sortie.start + offset, sortie.end - 1) / 1000) * 1000);
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * Returns unrounded interval means: a slow drift (first-order autoregressive) around the mean, plus 20
 * to 40 percent of the way to the maximum for intervals with an anomaly. All means then move by the
 * same amount, so that their flight-time-weighted mean is the summary's mean.
 */
function intervalMeans(random: Random, statistics: TrendStatistics, exposure: readonly number[], anomalous: ReadonlySet<number>): Array<number | null> {
  const { mean, maximum, standardDeviation } = statistics;
  const spread = standardDeviation * random.between(0.15, 0.4);
  let drift = random.normal() * spread;
  const means = exposure.map((flown, index) => {
    if (flown === 0) {
      return null;
    }
    drift = 0.5 * drift + random.normal() * spread;
    return mean + drift + (anomalous.has(index) ? random.between(0.2, 0.4) * (maximum - mean) : 0);
  });

  let weightedSum = 0;
  let totalFlown = 0;
  means.forEach((value, index) => {
    if (value !== null) {
      weightedSum += value * exposure[index]!;
      totalFlown += exposure[index]!;
    }
  });
  const shift = mean - weightedSum / totalFlown;
  return means.map((value) => (value === null ? null : value + shift));
}
