import type { CertificationRecord } from './CertificationPlanner.js';
import { buildResource, type GeneratedResource } from './CommonQuads.js';
import { dt, P, resourceNode, stringLiteral, term } from './Terms.js';

export function certificationResource(provider: string, artifact: CertificationRecord): GeneratedResource {
  return buildResource(provider, 'CertificationArtifact', artifact, (triples, subject) => {
    triples.add(subject, P.standard, dt(artifact.item.standard));
    triples.add(subject, P.artifactKind, dt(artifact.template.kind));
    triples.add(subject, P.assuranceLevel, dt(`Level${artifact.item.level}`));
    for (const objective of artifact.objectives) {
      triples.add(subject, P.satisfiesObjective, term(objective));
    }
    for (const covered of artifact.covers) {
      triples.add(subject, P.covers, resourceNode(covered));
    }
    triples.add(subject, P.version, stringLiteral(artifact.version));
    triples.add(subject, P.sha256, stringLiteral(artifact.sha256));
  });
}
