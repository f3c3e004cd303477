import type { ArtifactRecord, ReviewRecord } from './EvidenceSnapshot.js';
import type { EvidenceIndex } from './EvidenceIndex.js';

/**
 * Whether an artifact's current content is approved:
 * - current: an approving review covered its current version and SHA-256;
 * - stale: approving reviews exist, but each covered another version or SHA-256;
 * - withheld: no shown review covers the current content, and the scope withholds reviews of it;
 * - unreviewed: no review approves it and none is withheld.
 */
export type ApprovalState = 'current' | 'stale' | 'withheld' | 'unreviewed';

/** Returns the shown approving reviews that covered the artifact's current version and SHA-256. */
export function currentApprovals(index: EvidenceIndex, artifact: ArtifactRecord): ReviewRecord[] {
  return (index.approvalsByArtifact.get(artifact.iri) ?? []).filter(
    (review) => review.reviewedVersion === artifact.version && (review.reviewedSha256 === undefined || review.reviewedSha256 === artifact.sha256),
  );
}

/** Judges whether the artifact's current content is approved; see ApprovalState. */
export function approvalState(index: EvidenceIndex, artifact: ArtifactRecord): ApprovalState {
  if (currentApprovals(index, artifact).length > 0) {
    return 'current';
  }
  if (index.withheld.count(artifact.iri, 'review') > 0) {
    return 'withheld';
  }
  return (index.approvalsByArtifact.get(artifact.iri) ?? []).length > 0 ? 'stale' : 'unreviewed';
}

/** Returns the first 12 hex digits of a SHA-256, enough to tell two digests apart in a message. */
export function shortDigest(sha256: string | undefined): string {
  return sha256 === undefined ? 'none' : sha256.slice(0, 12);
}

/**
 * Describes why an approval no longer applies, comparing the artifact with the latest approving
 * review: the version when it differs, otherwise the content digest.
 */
export function staleDescription(artifact: ArtifactRecord, latest: ReviewRecord): string {
  const approved = `${latest.identifier} approved on ${latest.completed.slice(0, 10)}`;
  if (latest.reviewedVersion !== artifact.version) {
    return `Version ${artifact.version} differs from version ${latest.reviewedVersion} that ${approved}.`;
  }
  return `The content of version ${artifact.version} changed: its SHA-256 ${shortDigest(artifact.sha256)} differs from ${shortDigest(latest.reviewedSha256)} that ${approved}.`;
}
