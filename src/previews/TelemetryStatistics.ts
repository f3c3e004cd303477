import type { Quad } from '@rdfjs/types';
import { errorMessage, getLogger } from '../logging/Logger.js';
import { DT } from '../rdf/namespaces.js';
import { parseTrend, TrendFormatError, type TrendValues } from '../resources/TelemetryTrend.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';
import { unitSymbol } from './UnitSymbols.js';

const logger = getLogger('TelemetryStatistics');

/**
 * What a chart shows of a `dt:TelemetrySummary`: the window's statistics, and where the summary has
 * them, its trend (interval means) and the times of its anomalies. Data loaded from elsewhere may lack
 * the trend and times, so only the statistics can be relied on.
 */
export interface TelemetryStatistics {
  parameter?: string;
  minimum?: number;
  maximum?: number;
  mean?: number;
  standardDeviation?: number;
  p95?: number;
  sampleCount?: number;
  anomalyCount?: number;
  /** Symbol of `dt:unitOfMeasure`, such as `°C`. */
  unit?: string;
  /** `dt:windowStart` in milliseconds since the epoch. */
  windowStart?: number;
  /** `dt:windowEnd` in milliseconds since the epoch. */
  windowEnd?: number;
  /** `dt:trend`, parsed: the mean of each equal interval of the window, or null for an interval without samples. */
  trend?: TrendValues;
  /** `dt:anomalyTime` values in milliseconds since the epoch, ascending. */
  anomalyTimes?: number[];
}

/** Reads the statistics of a telemetry summary from its graph. A malformed trend is logged and left out. */
export function readTelemetryStatistics(resource: string, quads: readonly Quad[], vocabulary: Vocabulary): TelemetryStatistics {
  const value = (local: string): string | undefined =>
    quads.find((quad) => quad.subject.value === resource && quad.predicate.value === DT(local))?.object.value;
  const number = (local: string): number | undefined => {
    const text = value(local);
    const parsed = text === undefined ? Number.NaN : Number(text);
    return Number.isFinite(parsed) ? parsed : undefined;
  };
  const statistics: TelemetryStatistics = {};
  const assign = <K extends keyof TelemetryStatistics>(key: K, found: TelemetryStatistics[K] | undefined): void => {
    if (found !== undefined) {
      statistics[key] = found;
    }
  };
  assign('parameter', value('parameter'));
  for (const key of ['minimum', 'maximum', 'mean', 'standardDeviation', 'p95', 'sampleCount', 'anomalyCount'] as const) {
    assign(key, number(key));
  }
  assign('unit', unitSymbol(value('unitOfMeasure'), vocabulary));

  assign('windowStart', instant(value('windowStart')));
  assign('windowEnd', instant(value('windowEnd')));
  assign('trend', trendOf(resource, value('trend')));
  const times = quads
    .filter((quad) => quad.subject.value === resource && quad.predicate.value === DT('anomalyTime'))
    .map((quad) => instant(quad.object.value))
    .filter((time): time is number => time !== undefined);
  if (times.length > 0) {
    statistics.anomalyTimes = times.sort((a, b) => a - b);
  }
  return statistics;
}

/** Parses an xsd:dateTime with a time zone; one without a time zone has no single instant, so it is left out. */
function instant(lexical: string | undefined): number | undefined {
  if (lexical === undefined || !/(Z|[+-]\d\d:\d\d)$/.test(lexical)) {
    return undefined;
  }
  const time = Date.parse(lexical);
  return Number.isNaN(time) ? undefined : time;
}

function trendOf(resource: string, text: string | undefined): TrendValues | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return parseTrend(text);
  } catch (error) {
    if (!(error instanceof TrendFormatError)) {
      throw error;
    }
    // Writes through the OSLC API are validated against the shape, but SPARQL Update and the Graph
    // Store Protocol are not, so a stored trend can still be malformed.
    logger.warn('Ignoring a malformed dt:trend; the chart shows the range bar instead', { resource, error: errorMessage(error) });
    return undefined;
  }
}
