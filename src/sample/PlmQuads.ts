import type { BomLineRecord } from './BomPlanner.js';
import { addEffectivity, buildResource, type GeneratedResource } from './CommonQuads.js';
import type { PartRecord } from './PartPlanner.js';
import { decimalLiteral, dt, P, stringLiteral, resourceNode, unit } from './Terms.js';

/** Significant digits kept for masses, which span 10 mg resistors to 10 kg shipsets. */
const MASS_SIGNIFICANT_DIGITS = 4;

export function partResource(provider: string, part: PartRecord): GeneratedResource {
  const common = { ...part, description: part.design.description };
  return buildResource(provider, 'Part', common, (triples, subject) => {
    triples.add(subject, P.partNumber, stringLiteral(part.partNumber));
    triples.add(subject, P.revision, stringLiteral(part.revision));
    triples.add(subject, P.lifecycleState, dt(part.state));
    if (part.mass !== undefined) {
      triples.add(subject, P.mass, decimalLiteral(part.mass, massFractionDigits(part.mass)));
    }
    if (part.design.material !== undefined) {
      triples.add(subject, P.material, stringLiteral(part.design.material));
    }
    for (const line of part.bomLines) {
      triples.add(subject, P.composedOfPartUsage, resourceNode(line));
    }
    addEffectivity(triples, subject, provider, part.identifier, part.effectivity);
  });
}

function massFractionDigits(mass: number): number {
  if (mass <= 0) {
    return 1;
  }
  const magnitude = Math.floor(Math.log10(mass));
  return Math.min(8, Math.max(1, MASS_SIGNIFICANT_DIGITS - 1 - magnitude));
}

export function bomLineResource(provider: string, line: BomLineRecord): GeneratedResource {
  return buildResource(provider, 'BomLine', line, (triples, subject) => {
    triples.add(subject, P.assembly, resourceNode(line.assembly.iri));
    triples.add(subject, P.representsPart, resourceNode(line.child.iri));
    triples.add(subject, P.quantity, decimalLiteral(line.quantity, line.unit === 'NUM' ? 1 : 4));
    triples.add(subject, P.unitOfMeasure, unit(line.unit));
    triples.add(subject, P.findNumber, stringLiteral(line.findNumber));
    for (const designator of line.referenceDesignators) {
      triples.add(subject, P.referenceDesignator, stringLiteral(designator));
    }
    triples.add(subject, P.bomView, dt(line.view));
    addEffectivity(triples, subject, provider, line.identifier, line.effectivity);
  });
}
