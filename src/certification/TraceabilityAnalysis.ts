import { compareIdentifiers } from './Certification.js';
import { EvidenceIndex } from './EvidenceIndex.js';
import { readEvidenceSnapshot, type EvidenceSnapshot, type EvidenceSource } from './EvidenceSnapshot.js';
import { clearanceScope, intersectScopes, readMarkings } from './ExportClearance.js';
import { assessObjectives, findItems, objectiveGaps, staleEvidenceGaps, summarizeArtifacts } from './ItemCompliance.js';
import type { ObjectiveCatalogue } from './ObjectiveCatalogue.js';
import { ALLOW_ALL, type ReportScope } from './ReportScope.js';
import { countTestCases, testGaps, traceRequirements } from './RequirementChains.js';
import { GAP_KINDS, type AnalysisFilter, type Gap, type GapKind, type TraceabilityReport } from './TraceabilityReport.js';

/**
 * Reads the provider's evidence with a few bulk queries and analyses it; see analyseEvidence. With a
 * clearance in the filter, the export-control markings are read too and narrow `scope`.
 */
export async function analyseTraceability(
  store: EvidenceSource,
  providerIri: string,
  catalogue: ObjectiveCatalogue,
  filter: AnalysisFilter = {},
  scope: ReportScope = ALLOW_ALL,
): Promise<TraceabilityReport> {
  const [snapshot, effectiveScope] = await Promise.all([readEvidenceSnapshot(store, providerIri), scopeOfFilter(store, filter, scope)]);
  return analyseEvidence(snapshot, catalogue, filter, effectiveScope);
}

/** Returns `scope`, narrowed to the filter's export-control clearance when it names one. */
export async function scopeOfFilter(store: EvidenceSource, filter: AnalysisFilter, scope: ReportScope): Promise<ReportScope> {
  if (filter.clearance === undefined) {
    return scope;
  }
  return intersectScopes(scope, clearanceScope(await readMarkings(store), filter.clearance));
}

/**
 * Builds the traceability matrix, the objective compliance summary and the gap list of one provider
 * from a snapshot, leaving out what `scope` hides. Gaps are computed over visible resources only, so
 * a viewer who cannot see some evidence may see a gap that others do not; counting hidden evidence
 * would reveal that it exists.
 */
export function analyseEvidence(snapshot: EvidenceSnapshot, catalogue: ObjectiveCatalogue, filter: AnalysisFilter = {}, scope: ReportScope = ALLOW_ALL): TraceabilityReport {
  const index = new EvidenceIndex(snapshot, scope, filter.baseline);
  const requirements = traceRequirements(index, filter);
  const items = findItems(index, filter);
  const objectives = assessObjectives(index, catalogue, items, (iri) => scope.visible(iri));
  const gaps = sortGaps([...testGaps(index, requirements), ...objectiveGaps(objectives), ...staleEvidenceGaps(index, filter)]);

  const byKind = Object.fromEntries(GAP_KINDS.map((kind) => [kind, 0])) as Record<GapKind, number>;
  for (const gap of gaps) {
    byKind[gap.kind]++;
  }
  return {
    providerIri: snapshot.providerIri,
    filter,
    requirements,
    items,
    objectives,
    artifacts: summarizeArtifacts(index, filter),
    gaps,
    counts: {
      requirements: requirements.length,
      traced: requirements.filter((row) => row.status === 'complete').length,
      testCases: countTestCases(requirements),
      objectives: objectives.length,
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
