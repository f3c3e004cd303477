import { DT } from '../rdf/namespaces.js';
import { compareIdentifiers, stricterLevel, type AssuranceLevel, type StandardKey } from './Certification.js';
import type { EvidenceIndex } from './EvidenceIndex.js';
import type { ObjectiveCatalogue } from './ObjectiveCatalogue.js';
import { approvalState, currentApprovals, staleDescription, type ApprovalState } from './ArtifactApproval.js';
import type { ArtifactRecord } from './EvidenceSnapshot.js';
import type { AnalysisFilter, ArtifactSummary, Gap, ItemSummary, ObjectiveCompliance, ObjectiveStatus, RequirementTrace, ResourceRef } from './TraceabilityReport.js';

/**
 * Finds the items (parts with life cycle data, one per standard) and their level: the strictest
 * level their artifacts declare. Items whose part the viewer cannot see are left out.
 */
export function findItems(index: EvidenceIndex, filter: AnalysisFilter): ItemSummary[] {
  const levels = new Map<string, { item: string; standard: StandardKey; level: AssuranceLevel | undefined }>();
  for (const artifact of index.artifacts.values()) {
    const standard = index.standardOf(artifact);
    if (artifact.item === undefined || standard === undefined) {
      continue;
    }
    const key = `${artifact.item} ${standard}`;
    const entry = levels.get(key) ?? { item: artifact.item, standard, level: undefined };
    entry.level = stricterLevel(entry.level, index.levelOf(artifact));
    levels.set(key, entry);
  }
  const items: ItemSummary[] = [];
  for (const { item, standard, level } of levels.values()) {
    const part = index.parts.get(item);
    if (part === undefined || level === undefined) {
      continue;
    }
    if ((filter.standard === undefined || filter.standard === standard) && (filter.level === undefined || filter.level === level)) {
      items.push({ ...part, standard, level });
    }
  }
  return items.sort((a, b) => compareIdentifiers(a.identifier, b.identifier) || compareIdentifiers(a.standard, b.standard));
}

/**
 * Checks every objective that applies at each item's level. DO-178C, DO-254 and ECSS ask for evidence
 * of each applicable objective: an artifact of the item that satisfies it and whose current content
 * is approved or was never reviewed. Evidence whose every approval covered other content is stale and
 * does not count. Where the objective needs independence at that level, one of the counted artifacts
 * needs an approving review of its current content by an independent reviewer. A judgement that
 * withheld artifacts or reviews could change gets the status withheld.
 */
export function assessObjectives(index: EvidenceIndex, catalogue: ObjectiveCatalogue, items: ItemSummary[], visible: (iri: string) => boolean): ObjectiveCompliance[] {
  const evidenceByItemObjective = new Map<string, ArtifactRecord[]>();
  for (const artifact of index.artifacts.values()) {
    if (artifact.item === undefined) {
      continue;
    }
    for (const objective of index.objectivesOf.get(artifact.iri) ?? []) {
      const key = `${artifact.item} ${objective}`;
      evidenceByItemObjective.set(key, [...(evidenceByItemObjective.get(key) ?? []), artifact]);
    }
  }

  const states = new Map<string, ApprovalState>();
  const stateOf = (artifact: ArtifactRecord): ApprovalState => {
    let state = states.get(artifact.iri);
    if (state === undefined) {
      state = approvalState(index, artifact);
      states.set(artifact.iri, state);
    }
    return state;
  };

  const rows: ObjectiveCompliance[] = [];
  for (const item of items) {
    for (const objective of catalogue.applicable(item.standard, item.level)) {
      if (!visible(objective.iri)) {
        continue;
      }
      const key = `${item.iri} ${objective.iri}`;
      const evidence = (evidenceByItemObjective.get(key) ?? []).filter((artifact) => index.standardOf(artifact) === item.standard);
      const usable = evidence.filter((artifact) => stateOf(artifact) === 'current' || stateOf(artifact) === 'unreviewed');
      const independentlyReviewed = usable.filter((artifact) => currentApprovals(index, artifact).some((review) => review.independent));
      const withheldEvidence = index.withheld.count(key, 'evidence');
      const withheld = withheldEvidence + evidence.reduce((sum, artifact) => sum + index.withheld.count(artifact.iri, 'review'), 0);
      const independenceRequired = objective.independenceAt.has(item.level);
      let status: ObjectiveStatus = 'satisfied';
      if (evidence.length === 0) {
        status = withheldEvidence > 0 ? 'withheld' : 'without-evidence';
      } else if (usable.length === 0) {
        status = withheld > 0 ? 'withheld' : 'stale-evidence';
      } else if (independenceRequired && independentlyReviewed.length === 0) {
        status = withheld > 0 ? 'withheld' : 'without-independent-review';
      }
      rows.push({ item, objective, independenceRequired, evidence: sortRefs(evidence.map(ref)), independentlyReviewed: sortRefs(independentlyReviewed.map(ref)), withheld, status });
    }
  }
  return rows;
}

/** Turns objective rows that are not satisfied into gaps. */
export function objectiveGaps(rows: ObjectiveCompliance[]): Gap[] {
  const gaps: Gap[] = [];
  for (const row of rows) {
    const objective = { iri: row.objective.iri, identifier: row.objective.identifier, title: row.objective.title };
    const item = itemRef(row.item);
    if (row.status === 'without-evidence') {
      gaps.push({ kind: 'ObjectiveWithoutEvidence', subject: item, item, objective, description: `No artifact of ${row.item.title} satisfies ${row.objective.identifier} (${row.objective.title}), which applies at level ${row.item.level}.` });
    } else if (row.status === 'without-independent-review') {
      const artifacts = row.evidence.map((artifact) => artifact.identifier).join(', ');
      gaps.push({
        kind: 'ObjectiveWithoutIndependentReview',
        subject: item,
        item,
        objective,
        description: `${row.objective.identifier} needs independence at level ${row.item.level}, but no approving review of ${artifacts} is independent.`,
      });
    }
  }
  return gaps;
}

/**
 * Finds stale evidence: an artifact that an approving review covered, whose version or SHA-256 now
 * differs from every approved one, so the approval does not apply to the current content. An
 * artifact with withheld reviews is not judged, since a withheld review may approve its content.
 */
export function staleEvidenceGaps(index: EvidenceIndex, filter: AnalysisFilter): Gap[] {
  const gaps: Gap[] = [];
  for (const artifact of inScopeArtifacts(index, filter)) {
    if (approvalState(index, artifact) !== 'stale') {
      continue;
    }
    const approvals = index.approvalsByArtifact.get(artifact.iri)!;
    const latest = [...approvals].sort((a, b) => Date.parse(b.completed) - Date.parse(a.completed))[0]!;
    gaps.push({ kind: 'StaleEvidence', subject: ref(artifact), description: staleDescription(artifact, latest) });
  }
  return gaps;
}

/**
 * Returns the artifacts the report rests on, as package manifests list them: those of the standard
 * and level of the filter, and the design and code artifacts that the matrix rows show, whatever
 * their standard.
 */
export function summarizeArtifacts(index: EvidenceIndex, filter: AnalysisFilter, rows: RequirementTrace[]): ArtifactSummary[] {
  const artifacts = new Map(inScopeArtifacts(index, filter).map((artifact) => [artifact.iri, artifact]));
  for (const row of rows) {
    for (const shown of [...row.design, ...row.code]) {
      artifacts.set(shown.iri, index.artifacts.get(shown.iri)!);
    }
  }
  return [...artifacts.values()]
    .map((artifact) => {
      const summary: ArtifactSummary = {
        ...ref(artifact),
        kind: artifact.kindIri.slice(DT('').length),
        standard: index.standardOf(artifact),
        version: artifact.version,
        reviews: (index.approvalsByArtifact.get(artifact.iri) ?? []).map((review) => review.iri).sort(),
      };
      if (artifact.sha256 !== undefined) {
        summary.sha256 = artifact.sha256;
      }
      if (artifact.item !== undefined && index.parts.has(artifact.item)) {
        summary.item = artifact.item;
      }
      return summary;
    })
    .sort((a, b) => compareIdentifiers(a.identifier, b.identifier));
}

function inScopeArtifacts(index: EvidenceIndex, filter: AnalysisFilter) {
  return [...index.artifacts.values()].filter(
    (artifact) => (filter.standard === undefined || index.standardOf(artifact) === filter.standard) && (filter.level === undefined || index.levelOf(artifact) === filter.level),
  );
}

function ref(resource: ResourceRef): ResourceRef {
  return { iri: resource.iri, identifier: resource.identifier, title: resource.title };
}

function itemRef(item: ItemSummary): ResourceRef {
  return { iri: item.iri, identifier: item.identifier, title: item.title };
}

function sortRefs(refs: ResourceRef[]): ResourceRef[] {
  return [...refs].sort((a, b) => compareIdentifiers(a.identifier, b.identifier));
}
