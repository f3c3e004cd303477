import type { BlockContext } from './BlockContext.js';
import { workingInstantAfter } from './Calendar.js';
import { contentDigest, type CertificationRecord } from './CertificationPlanner.js';
import { PEOPLE, pickPerson } from './People.js';
import type { ArtifactSelector } from './programmes/ProgrammeDefinition.js';

export type ReviewOutcome = 'Approved' | 'ApprovedWithActions' | 'Rejected';

/** One review of one artifact version, as it will be written. */
export interface ReviewRecord {
  iri: string;
  identifier: string;
  title: string;
  artifact: CertificationRecord;
  reviewedVersion: string;
  reviewedSha256: string;
  reviewer: string;
  independent: boolean;
  outcome: ReviewOutcome;
  completed: number;
  created: number;
  modified: number;
  creator: string;
}

/** Verification data is reviewed by the independent verification or quality team; the rest by a colleague of the author. */
const INDEPENDENTLY_REVIEWED = new Set(['ReviewRecord', 'TestProcedure', 'TestReport']);

/**
 * Plans one approving review per certification artifact, after the artifact's last change, and links
 * the artifact back to it. Then plants the programme's evidence gaps: a review by the author's own
 * team where independence was needed, and an artifact that got a new version after its review.
 */
export function planReviews(context: BlockContext, artifacts: CertificationRecord[]): ReviewRecord[] {
  const random = context.random('reviews');
  const reviews: ReviewRecord[] = [];
  for (const artifact of artifacts) {
    const { identifier, iri } = context.identifiers.allocate('Review');
    const independent = INDEPENDENTLY_REVIEWED.has(artifact.template.kind);
    const completed = workingInstantAfter(random, artifact.modified, 1, 20);
    const review: ReviewRecord = {
      iri,
      identifier,
      title: `Review of ${artifact.title}, version ${artifact.version}`,
      artifact,
      reviewedVersion: artifact.version,
      reviewedSha256: artifact.sha256,
      reviewer: independent ? pickPerson(random, random.next() < 0.5 ? 'verification' : 'quality') : colleagueOf(artifact.creator),
      independent,
      outcome: random.next() < 0.8 ? 'Approved' : 'ApprovedWithActions',
      completed,
      created: completed,
      modified: completed,
      creator: pickPerson(random, 'quality'),
    };
    artifact.reviewedBy.push(iri);
    reviews.push(review);
  }

  const gaps = context.programme.evidenceGaps;
  if (gaps?.reviewWithoutIndependence !== undefined) {
    const review = reviewOf(reviews, gaps.reviewWithoutIndependence);
    review.independent = false;
    review.reviewer = colleagueOf(review.artifact.creator);
  }
  if (gaps?.changedAfterReview !== undefined) {
    const artifact = reviewOf(reviews, gaps.changedAfterReview).artifact;
    artifact.version = nextVersion(artifact.version);
    artifact.sha256 = contentDigest(context, artifact.identifier, artifact.version);
    artifact.modified = workingInstantAfter(random, reviewOf(reviews, gaps.changedAfterReview).completed, 5, 60);
  }
  return reviews;
}

function reviewOf(reviews: ReviewRecord[], selector: ArtifactSelector): ReviewRecord {
  const review = reviews.find((candidate) => candidate.artifact.item.key === selector.item && candidate.artifact.template.title === selector.artifact);
  if (review === undefined) {
    throw new Error(`No artifact "${selector.artifact}" of assurance item "${selector.item}" to plant an evidence gap on.`);
  }
  return review;
}

/** Returns the other certification engineer: a peer of the author, so not independent. */
function colleagueOf(author: string): string {
  return PEOPLE.certification.find((person) => person !== author) ?? PEOPLE.certification[0];
}

function nextVersion(version: string): string {
  const [major, minor] = version.split('.').map(Number);
  return `${major}.${(minor ?? 0) + 1}`;
}
