import { compareIdentifiers } from './Certification.js';
import { EvidenceIndex } from './EvidenceIndex.js';
import { readEvidenceSnapshot, type EvidenceSnapshot, type EvidenceSource } from './EvidenceSnapshot.js';
import { clearanceScope, highestMarking, intersectScopes, readExportData, type ExportData } from './ExportClearance.js';
import { analysedResources, involvedResources } from './InvolvedResources.js';
import { assessObjectives, findItems, objectiveGaps, staleEvidenceGaps, summarizeArtifacts } from './ItemCompliance.js';
import type { ObjectiveCatalogue } from './ObjectiveCatalogue.js';
import { ALLOW_ALL, type ReportScope } from './ReportScope.js';
import { countTestCases, testCasesOutsideMatrix, testGaps, traceRequirements } from './RequirementChains.js';
import { GAP_KINDS, type AnalysisFilter, type Gap, type GapKind, type TraceabilityReport } from './TraceabilityReport.js';

/** Export-control data of a store with no marked resource. */
export const NO_EXPORT_DATA: ExportData = { markings: new Map(), classifications: new Map() };

/**
 * Reads the provider's evidence and the export-control markings with a few bulk queries and analyses
 * them; see analyseEvidence. With a clearance in the filter, the markings narrow `scope`.
 */
export async function analyseTraceability(
  store: EvidenceSource,
  providerIri: string,
  catalogue: ObjectiveCatalogue,
  filter: AnalysisFilter = {},
  scope: ReportScope = ALLOW_ALL,
): Promise<TraceabilityReport> {
  const [snapshot, exportData] = await Promise.all([readEvidenceSnapshot(store, providerIri), readExportData(store)]);
  return analyseEvidence(snapshot, catalogue, filter, scopeOfFilter(exportData, filter, scope), exportData);
}

/** Returns `scope`, narrowed to the filter's export-control clearance when it names one. */
export function scopeOfFilter(exportData: ExportData, filter: AnalysisFilter, scope: ReportScope): ReportScope {
  if (filter.clearance === undefined) {
    return scope;
  }
  return intersectScopes(scope, clearanceScope(exportData.markings, filter.clearance));
}

/**
 * Builds the traceability matrix, the objective compliance summary and the gap list of one provider
 * from a snapshot, leaving out what `scope` hides. A link from a shown resource to a hidden one
 * counts as present but withheld: it causes no gap, and what rests on it is marked withheld instead
 * of judged. `withheld` counts the resources that the same analysis without the scope would read
 * (see analysedResources), so the report can state that it is incomplete without naming them. The report inherits the highest
 * export-control marking of the resources it shows.
 */
export function analyseEvidence(
  snapshot: EvidenceSnapshot,
  catalogue: ObjectiveCatalogue,
  filter: AnalysisFilter = {},
  scope: ReportScope = ALLOW_ALL,
  exportData: ExportData = NO_EXPORT_DATA,
): TraceabilityReport {
  const index = new EvidenceIndex(snapshot, scope, filter.baseline);
  const report = analyseIndex(index, catalogue, filter, scope);
  if (index.withheldCount > 0) {
    const unscopedIndex = new EvidenceIndex(snapshot, ALLOW_ALL, filter.baseline);
    const unscoped = analyseIndex(unscopedIndex, catalogue, filter, ALLOW_ALL);
    report.withheld = {
      resources: analysedResources(unscoped, unscopedIndex).filter((iri) => !scope.visible(iri)).length,
      items: unscoped.items.filter((item) => !scope.visible(item.iri)).length,
    };
  }
  if (index.latestTime > -Infinity) {
    report.dataAsOf = new Date(index.latestTime).toISOString();
  }
  const marking = highestMarking(exportData, involvedResources(report));
  if (marking !== undefined) {
    report.exportControl = marking;
  }
  return report;
}

function analyseIndex(index: EvidenceIndex, catalogue: ObjectiveCatalogue, filter: AnalysisFilter, scope: ReportScope): TraceabilityReport {
  const requirements = traceRequirements(index, filter);
  const outside = testCasesOutsideMatrix(index, requirements, filter);
  const items = findItems(index, filter);
  const objectives = assessObjectives(index, catalogue, items, (iri) => scope.visible(iri));
  const withheldTestCases = (requirement: string): number => index.withheld.count(requirement, 'testCase');
  const gaps = sortGaps([...testGaps(requirements, outside, withheldTestCases), ...objectiveGaps(objectives), ...staleEvidenceGaps(index, filter)]);

  const byKind = Object.fromEntries(GAP_KINDS.map((kind) => [kind, 0])) as Record<GapKind, number>;
  for (const gap of gaps) {
    byKind[gap.kind]++;
  }
  return {
    providerIri: index.providerIri,
    filter,
    requirements,
    items,
    objectives,
    artifacts: summarizeArtifacts(index, filter, requirements),
    gaps,
    withheld: { resources: 0, items: 0 },
    counts: {
      requirements: requirements.length,
      traced: requirements.filter((row) => row.status === 'complete').length,
      testCases: countTestCases(requirements, outside),
      objectives: objectives.length,
      satisfiedObjectives: objectives.filter((row) => row.status === 'satisfied').length,
      gaps: gaps.length,
      byKind,
    },
  };
}

/** Orders gaps by kind, then subject, then objective, so every output lists them the same way. */
function sortGaps(gaps: Gap[]): Gap[] {
  return gaps.sort(
    (a, b) =>
      GAP_KINDS.indexOf(a.kind) - GAP_KINDS.indexOf(b.kind) ||
      compareIdentifiers(a.subject.identifier, b.subject.identifier) ||
      compareIdentifiers(a.objective?.identifier ?? '', b.objective?.identifier ?? ''),
  );
}
