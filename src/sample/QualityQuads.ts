import { NO_SAMPLES } from '../resources/TelemetryTrend.js';
import { formatDateTime } from './Calendar.js';
import { buildResource, type GeneratedResource } from './CommonQuads.js';
import type { NonConformanceRecord } from './NonConformancePlanner.js';
import type { TelemetryRecord } from './TelemetryPlanner.js';
import { dateTimeLiteral, doubleLiteral, dt, formatDecimal, integerLiteral, P, stringLiteral, resourceNode, unit } from './Terms.js';

export function nonConformanceResource(provider: string, report: NonConformanceRecord): GeneratedResource {
  const common = { ...report, title: report.spec.title, description: report.spec.description };
  return buildResource(provider, 'NonConformanceReport', common, (triples, subject) => {
    triples.add(subject, P.status, stringLiteral(report.spec.status));
    triples.add(subject, P.severity, dt(report.spec.severity));
    triples.add(subject, P.defectCode, stringLiteral(report.spec.defectCode));
    for (const part of report.parts) {
      triples.add(subject, P.affectsPart, resourceNode(part.iri));
    }
    for (const serialNumber of report.serialNumbers) {
      triples.add(subject, P.serialNumber, stringLiteral(serialNumber));
    }
    if (report.lotNumber !== undefined) {
      triples.add(subject, P.lotNumber, stringLiteral(report.lotNumber));
    }
    triples.add(subject, P.quantityAffected, integerLiteral(report.quantityAffected));
    if (report.spec.disposition !== undefined) {
      triples.add(subject, P.disposition, dt(report.spec.disposition));
    }
    for (const requirement of report.requirements) {
      triples.add(subject, P.affectsRequirement, resourceNode(requirement.iri));
    }
    if (report.closed !== undefined) {
      triples.add(subject, P.closeDate, dateTimeLiteral(formatDateTime(report.closed)));
    }
  });
}

export function telemetryResource(provider: string, summary: TelemetryRecord): GeneratedResource {
  const common = { ...summary, modified: summary.created };
  const digits = summary.parameter.fractionDigits;
  return buildResource(provider, 'TelemetrySummary', common, (triples, subject) => {
    triples.add(subject, P.asset, resourceNode(summary.asset.iri));
    triples.add(subject, P.serialNumber, stringLiteral(summary.serialNumber));
    triples.add(subject, P.parameter, stringLiteral(summary.parameter.name));
    triples.add(subject, P.windowStart, dateTimeLiteral(formatDateTime(summary.windowStart)));
    triples.add(subject, P.windowEnd, dateTimeLiteral(formatDateTime(summary.windowEnd)));
    triples.add(subject, P.sampleCount, integerLiteral(summary.sampleCount));
    triples.add(subject, P.minimum, doubleLiteral(summary.minimum, digits));
    triples.add(subject, P.maximum, doubleLiteral(summary.maximum, digits));
    triples.add(subject, P.mean, doubleLiteral(summary.mean, digits));
    triples.add(subject, P.standardDeviation, doubleLiteral(summary.standardDeviation, digits));
    triples.add(subject, P.p95, doubleLiteral(summary.p95, digits));
    triples.add(subject, P.unitOfMeasure, unit(summary.parameter.unit));
    triples.add(subject, P.anomalyCount, integerLiteral(summary.anomalyCount));
    const trend = summary.trend.map((value) => (value === null ? NO_SAMPLES : formatDecimal(value, digits)));
    triples.add(subject, P.trend, stringLiteral(trend.join(' ')));
    for (const time of summary.anomalyTimes) {
      triples.add(subject, P.anomalyTime, dateTimeLiteral(formatDateTime(time)));
    }
  });
}
