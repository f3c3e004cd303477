import { parseInstant } from './Calendar.js';
import type { ProgrammeDefinition } from './programmes/ProgrammeDefinition.js';
import { Random } from './Random.js';
import type { IdentifierSequence } from './ResourceTypes.js';

/**
 * One copy ("variant") of a programme's data. Scale 1 generates variant 0 of each programme; scale n
 * generates variants 0 to n-1, each with its own in-house part numbers, requirements and records.
 */
export class BlockContext {
  /** Programme start as an instant. */
  readonly start: number;

  constructor(
    readonly programme: ProgrammeDefinition,
    readonly variant: number,
    readonly seed: number,
    readonly identifiers: IdentifierSequence,
  ) {
    this.start = parseInstant(programme.start);
  }

  get provider(): string {
    return this.programme.key;
  }

  /** Returns the random stream for one concern of this variant, independent of every other concern. */
  random(concern: string): Random {
    return Random.derive(this.seed, this.programme.key, this.variant, concern);
  }
}
