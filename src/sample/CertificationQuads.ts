import type { CertificationRecord } from './CertificationPlanner.js';
import { buildResource, type GeneratedResource } from './CommonQuads.js';
import { formatDateTime } from './Calendar.js';
import type { ReviewRecord } from './ReviewPlanner.js';
import { booleanLiteral, dateTimeLiteral, dt, P, resourceNode, stringLiteral, term } from './Terms.js';

export function certificationResource(provider: string, artifact: CertificationRecord): GeneratedResource {
  return buildResource(provider, 'CertificationArtifact', artifact, (triples, subject) => {
    triples.add(subject, P.standard, dt(artifact.item.standard));
    triples.add(subject, P.artifactKind, dt(artifact.template.kind));
    triples.add(subject, P.assuranceLevel, dt(`Level${artifact.item.level}`));
    triples.add(subject, P.item, resourceNode(artifact.itemPart));
    for (const objective of artifact.objectives) {
      triples.add(subject, P.satisfiesObjective, term(objective));
    }
    for (const covered of artifact.covers) {
      triples.add(subject, P.covers, resourceNode(covered));
    }
    triples.add(subject, P.version, stringLiteral(artifact.version));
    triples.add(subject, P.sha256, stringLiteral(artifact.sha256));
    for (const review of artifact.reviewedBy) {
      triples.add(subject, P.reviewedBy, resourceNode(review));
    }
  });
}

export function reviewResource(provider: string, review: ReviewRecord): GeneratedResource {
  const common = { ...review, marking: review.artifact.marking };
  return buildResource(provider, 'Review', common, (triples, subject) => {
    triples.add(subject, P.reviewOf, resourceNode(review.artifact.iri));
    triples.add(subject, P.reviewedVersion, stringLiteral(review.reviewedVersion));
    triples.add(subject, P.reviewedSha256, stringLiteral(review.reviewedSha256));
    triples.add(subject, P.reviewer, term(review.reviewer));
    triples.add(subject, P.independent, booleanLiteral(review.independent));
    triples.add(subject, P.reviewOutcome, dt(review.outcome));
    triples.add(subject, P.endedAtTime, dateTimeLiteral(formatDateTime(review.completed)));
  });
}
