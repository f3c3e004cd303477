/**
 * Relation from a shown resource to a withheld one:
 * - testCase: a requirement to a test case that verifies it;
 * - requirement: a test case to a requirement it verifies;
 * - run: a test case to one of its runs;
 * - coveringArtifact: a requirement to an artifact that covers it;
 * - part: a requirement to a part that satisfies it;
 * - child: a requirement to a requirement that decomposes it;
 * - review: an artifact to a review of it, whatever the outcome;
 * - evidence: an item and objective (key `item objective`) to an artifact of the item that claims the objective.
 */
export type WithheldRelation = 'testCase' | 'requirement' | 'run' | 'coveringArtifact' | 'part' | 'child' | 'review' | 'evidence';

/**
 * Links from resources the viewer sees to resources the scope withholds. The analysis treats such a
 * link as present but withheld: it neither reports a gap that only the missing link would cause nor
 * judges what rests on the withheld resource. Only the existence and number of links are kept, never
 * what the withheld resource states, so no judgement depends on withheld content.
 */
export class WithheldLinks {
  private readonly links = new Map<string, Set<string>>();

  add(shown: string, relation: WithheldRelation, withheld: string): void {
    const key = `${relation} ${shown}`;
    const set = this.links.get(key);
    if (set === undefined) {
      this.links.set(key, new Set([withheld]));
    } else {
      set.add(withheld);
    }
  }

  /** Returns the number of distinct withheld resources linked to `shown` by `relation`. */
  count(shown: string, relation: WithheldRelation): number {
    // Most analyses withhold nothing; skipping the key building keeps them as fast as before.
    if (this.links.size === 0) {
      return 0;
    }
    return this.links.get(`${relation} ${shown}`)?.size ?? 0;
  }
}
