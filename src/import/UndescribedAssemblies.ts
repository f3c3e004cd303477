import type { BatchBomLine, BatchPart } from './BatchChecks.js';
import type { ImportIssue } from './ImportModel.js';
import { similarPartNumbers } from './SimilarPartNumbers.js';

/** Number of lines that the warning names. It counts the rest. */
const LINES_NAMED = 3;

/**
 * Warns about assemblies that the source only names (SourcePart.reference) and the import creates,
 * because neither the source describes them nor the provider has their part number. That is what a
 * mistyped parent in a CSV BOM looks like. Exports that leave out the top assembly's row do the same,
 * so it stays a warning. An assembly that another BOM line of the source uses, as the product part of
 * a CSV assembly multiplier column does, is named by design, so it gets a warning only when a similar
 * part number exists. Built once per import, on the first such assembly.
 */
export class UndescribedAssemblies {
  /** Part numbers that a typing mistake may have meant: the source's, then the provider's. */
  private readonly candidates: string[];

  /** BOM lines of each assembly of the batch. */
  private readonly lines = new Map<BatchPart, BatchBomLine[]>();

  /** Parts that a BOM line of the batch uses. */
  private readonly used = new Set<BatchPart>();

  public constructor(parts: readonly BatchPart[], bomLines: readonly BatchBomLine[], stored: readonly { partNumber: string }[]) {
    this.candidates = [...new Set([...parts.map((part) => part.partNumber), ...stored.map((part) => part.partNumber)])];
    for (const line of bomLines) {
      const lines = this.lines.get(line.parent) ?? [];
      lines.push(line);
      this.lines.set(line.parent, lines);
      this.used.add(line.child);
    }
  }

  /** Adds the warning about one new assembly, naming the lines that use it and similar part numbers. */
  public warn(part: BatchPart, warnings: ImportIssue[], dryRun: boolean): void {
    const numbers = (this.lines.get(part) ?? [])
      .flatMap((line) => [line.location, ...line.mergedLocations])
      .map((location) => location.line)
      .filter((line): line is number => line !== undefined);
    const named = numbers.slice(0, LINES_NAMED).join(', ');
    const more = numbers.length > LINES_NAMED ? ` and ${numbers.length - LINES_NAMED} more` : '';
    const where = numbers.length === 0 ? 'other items' : `${numbers.length === 1 ? 'line' : 'lines'} ${named}${more}`;
    // A part that the assembly uses is no likely meaning of the assembly's own part number.
    const children = new Set((this.lines.get(part) ?? []).map((line) => line.child.partNumber));
    const similar = similarPartNumbers(
      part.partNumber,
      this.candidates.filter((candidate) => !children.has(candidate)),
    );
    const topLevel = !this.used.has(part);
    if (!topLevel && similar.length === 0) {
      return;
    }
    const suggestion = similar.length === 0 ? '' : ` Did you mean ${new Intl.ListFormat('en', { type: 'disjunction' }).format(similar)}?`;

    warnings.push({
      severity: 'warning',
      message:
        `${part.partNumber} is the parent on ${where} but has no row of its own, and the provider has no part ${part.partNumber}, ` +
        `so it ${dryRun ? 'would be' : 'is'} created as a new ${topLevel ? 'top-level ' : ''}assembly titled ${part.partNumber}.${suggestion} ` +
        `If the parent is mistyped, correct it; if ${part.partNumber} is meant, give it a row of its own with its title.`,
      location: part.source.location,
    });
  }
}
