import type { BlockContext } from './BlockContext.js';
import { DAY_MS, formatDate, HOUR_MS, parseInstant } from './Calendar.js';
import { pickPerson } from './People.js';
import { formatSerialNumber, type PartRecord, type PlannedParts } from './PartPlanner.js';
import type { TelemetryParameter } from './programmes/ProgrammeDefinition.js';
import type { Random } from './Random.js';
import { planTrend } from './TelemetryTrendPlanner.js';
import { lowerFirst } from './Text.js';

export interface TelemetryRecord {
  iri: string;
  identifier: string;
  title: string;
  description?: string;
  asset: PartRecord;
  serialNumber: string;
  parameter: TelemetryParameter;
  windowStart: number;
  windowEnd: number;
  sampleCount: number;
  minimum: number;
  maximum: number;
  mean: number;
  standardDeviation: number;
  p95: number;
  anomalyCount: number;
  /** Hours flown in the window. sampleCount is this duration at the parameter's sample rate, rounded. */
  flightHours: number;
  /** Mean of each 6-hour interval of the window (dt:trend), or null where the unit did not fly. */
  trend: Array<number | null>;
  /** Instants of the flagged anomalies (dt:anomalyTime), as many as anomalyCount. */
  anomalyTimes: number[];
  created: number;
  creator: string;
}

type PlannedStatistics = Omit<TelemetryRecord, 'trend' | 'anomalyTimes'>;

/** Summaries cover one week, Monday 00:00 to Monday 00:00 UTC, between these Mondays. */
const FIRST_WINDOW_END = parseInstant('2025-09-01');
const LAST_WINDOW_END = parseInstant('2026-11-23');

/**
 * Plans one weekly summary per monitored unit and parameter. The statistics come from a normal
 * model of the parameter, rounded to its resolution and clamped to its physical bounds, so that
 * minimum ≤ mean ≤ maximum and minimum ≤ p95 ≤ maximum always hold. Summaries with anomalies have a
 * maximum far above the rest of the distribution. The trends and anomaly times draw from a random
 * stream of their own, so the other generated values do not depend on them.
 */
export function planTelemetry(context: BlockContext, parts: PlannedParts): TelemetryRecord[] {
  const random = context.random('telemetry');
  const plan = context.programme.telemetry;
  const units: Array<{ asset: PartRecord; serialNumber: string }> = [];
  for (const { part, units: count } of plan.assets) {
    const asset = parts.effective.get(part);
    if (asset === undefined || asset.design.serialPrefix === undefined) {
      throw new Error(`Telemetry asset "${part}" must be a serialized part design.`);
    }
    const serials = new Set<number>();
    while (serials.size < count) {
      serials.add(random.integer(1, 40));
    }
    for (const unit of [...serials].sort((a, b) => a - b)) {
      units.push({ asset, serialNumber: formatSerialNumber(asset.design.serialPrefix, unit) });
    }
  }

  const total = units.length * plan.parameters.length;
  const anomalous = new Set(random.shuffle([...Array(total).keys()]).slice(0, plan.anomalies));
  const records: PlannedStatistics[] = [];
  const weeks = Math.floor((LAST_WINDOW_END - FIRST_WINDOW_END) / (7 * DAY_MS));
  for (const unit of units) {
    for (const parameter of plan.parameters) {
      const windowEnd = FIRST_WINDOW_END + random.integer(0, weeks) * 7 * DAY_MS;
      records.push(planSummary(context, random, unit.asset, unit.serialNumber, parameter, windowEnd, anomalous.has(records.length)));
    }
  }

  const trendRandom = context.random('telemetry-trend');
  return records.map((summary) => ({ ...summary, ...planTrend(trendRandom, { ...summary, fractionDigits: summary.parameter.fractionDigits }) }));
}

function planSummary(
  context: BlockContext,
  random: Random,
  asset: PartRecord,
  serialNumber: string,
  parameter: TelemetryParameter,
  windowEnd: number,
  anomalous: boolean,
): PlannedStatistics {
  const { identifier, iri } = context.identifiers.allocate('TelemetrySummary');
  const windowStart = windowEnd - 7 * DAY_MS;
  const flightHours = random.between(6, 40);
  const [low, high] = parameter.bounds;
  const clamp = (value: number): number => Math.min(high, Math.max(low, value));
  const round = (value: number): number => Number(value.toFixed(parameter.fractionDigits));

  const mean = random.between(parameter.mean[0], parameter.mean[1]);
  const deviation = random.between(parameter.standardDeviation[0], parameter.standardDeviation[1]);
  const minimum = clamp(mean - random.between(3, 4.5) * deviation);
  const maximum = clamp(mean + (anomalous ? random.between(8, 15) : random.between(3, 4.5)) * deviation);
  const p95 = clamp(mean + 1.645 * deviation * random.between(0.9, 1.1));
  const anomalyCount = anomalous ? random.integer(1, 7) : 0;

  // Rounding is monotonic, so the order of the clamped values survives it.
  const record: PlannedStatistics = {
    iri,
    identifier,
    title: `${serialNumber} ${lowerFirst(parameter.name)}, week ending ${formatDate(windowEnd)}`,
    asset,
    serialNumber,
    parameter,
    windowStart,
    windowEnd,
    sampleCount: Math.round(flightHours * 3600 * parameter.sampleRateHz),
    minimum: round(minimum),
    maximum: round(maximum),
    mean: round(clamp(mean)),
    standardDeviation: round(deviation),
    p95: round(Math.min(p95, maximum)),
    anomalyCount,
    flightHours,
    created: windowEnd + random.integer(1, 8) * HOUR_MS,
    creator: pickPerson(random, 'reliability'),
  };
  if (anomalous) {
    record.description =
      `The anomaly detector flagged ${anomalyCount} excursion${anomalyCount === 1 ? '' : 's'} of ` +
      `${lowerFirst(parameter.name)} above the fleet's 99.9th percentile during ${flightHours.toFixed(1)} flight hours.`;
  }
  return record;
}
