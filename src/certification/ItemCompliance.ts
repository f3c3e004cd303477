import { DT } from '../rdf/namespaces.js';
import { compareIdentifiers, stricterLevel, type AssuranceLevel, type StandardKey } from './Certification.js';
import type { EvidenceIndex } from './EvidenceIndex.js';
import type { ObjectiveCatalogue } from './ObjectiveCatalogue.js';
import type { AnalysisFilter, ArtifactSummary, Gap, ItemSummary, ObjectiveCompliance, ObjectiveStatus, ResourceRef } from './TraceabilityReport.js';

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
 * of each applicable objective: an artifact of the item that satisfies it. Where the objective needs
 * independence at that level, one of those artifacts needs an approving review by an independent
 * reviewer.
 */
export function assessObjectives(index: EvidenceIndex, catalogue: ObjectiveCatalogue, items: ItemSummary[], visible: (iri: string) => boolean): ObjectiveCompliance[] {
  const evidenceByItemObjective = new Map<string, ResourceRef[]>();
  for (const artifact of index.artifacts.values()) {
    if (artifact.item === undefined) {
      continue;
    }
    for (const objective of index.objectivesOf.get(artifact.iri) ?? []) {
      const key = `${artifact.item} ${objective}`;
      evidenceByItemObjective.set(key, [...(evidenceByItemObjective.get(key) ?? []), ref(artifact)]);
    }
  }

  const rows: ObjectiveCompliance[] = [];
  for (const item of items) {
    for (const objective of catalogue.applicable(item.standard, item.level)) {
      if (!visible(objective.iri)) {
        continue;
      }
      const evidence = (evidenceByItemObjective.get(`${item.iri} ${objective.iri}`) ?? []).filter((artifact) => index.standardOf(index.artifacts.get(artifact.iri)!) === item.standard);
      const independentlyReviewed = evidence.filter((artifact) => (index.approvalsByArtifact.get(artifact.iri) ?? []).some((review) => review.independent));
      const independenceRequired = objective.independenceAt.has(item.level);
      let status: ObjectiveStatus = 'satisfied';
      if (evidence.length === 0) {
        status = 'without-evidence';
      } else if (independenceRequired && independentlyReviewed.length === 0) {
        status = 'without-independent-review';
      }
      rows.push({ item, objective, independenceRequired, evidence: sortRefs(evidence), independentlyReviewed: sortRefs(independentlyReviewed), status });
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
 * differs from every approved one, so the approval does not apply to the current content.
 */
export function staleEvidenceGaps(index: EvidenceIndex, filter: AnalysisFilter): Gap[] {
  const gaps: Gap[] = [];
  for (const artifact of inScopeArtifacts(index, filter)) {
    const approvals = index.approvalsByArtifact.get(artifact.iri) ?? [];
    if (approvals.length === 0) {
      continue;
    }
    const current = approvals.some((review) => review.reviewedVersion === artifact.version && (review.reviewedSha256 === undefined || review.reviewedSha256 === artifact.sha256));
    if (current) {
      continue;
    }
    const latest = [...approvals].sort((a, b) => Date.parse(b.completed) - Date.parse(a.completed))[0]!;
    gaps.push({
      kind: 'StaleEvidence',
      subject: ref(artifact),
      description: `Version ${artifact.version} differs from version ${latest.reviewedVersion} that ${latest.identifier} approved on ${latest.completed.slice(0, 10)}.`,
    });
  }
  return gaps;
}

/** Returns the artifacts of the standard and level of the filter, as package manifests list them. */
export function summarizeArtifacts(index: EvidenceIndex, filter: AnalysisFilter): ArtifactSummary[] {
  return inScopeArtifacts(index, filter)
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
