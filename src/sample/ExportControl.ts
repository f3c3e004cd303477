import type { Quad_Subject } from '@rdfjs/types';
import { dt, P, stringLiteral, type TripleList } from './Terms.js';

/**
 * Export-control marking of a resource's technical data. A resource without a marking is not
 * controlled. EAR markings carry an ECCN and ITAR markings a USML category, as vocab/export-control.ttl
 * requires; EAR99 carries neither.
 */
export type ExportMarking =
  | { regime: 'EAR99' }
  | { regime: 'EAR'; eccn: string }
  | { regime: 'ITAR'; usmlCategory: string };

/** Marking of a hardware or software item, and the marking of technical data about it (reports, tests, requirements). */
export interface ItemMarking {
  item: ExportMarking;
  technicalData: ExportMarking;
}

export const EAR99: ItemMarking = { item: { regime: 'EAR99' }, technicalData: { regime: 'EAR99' } };

export function ear(eccn: string, technologyEccn: string): ItemMarking {
  return { item: { regime: 'EAR', eccn }, technicalData: { regime: 'EAR', eccn: technologyEccn } };
}

export function itar(usmlCategory: string, technicalDataCategory: string): ItemMarking {
  return {
    item: { regime: 'ITAR', usmlCategory },
    technicalData: { regime: 'ITAR', usmlCategory: technicalDataCategory },
  };
}

const STRICTNESS = { EAR99: 1, EAR: 2, ITAR: 3 } as const;

/** Returns the stricter of the markings (ITAR over EAR over EAR99 over none). */
export function stricterMarking(
  first: ExportMarking | undefined,
  second: ExportMarking | undefined,
): ExportMarking | undefined {
  if (first === undefined) {
    return second;
  }
  if (second === undefined) {
    return first;
  }
  return STRICTNESS[second.regime] > STRICTNESS[first.regime] ? second : first;
}

export function addMarking(triples: TripleList, subject: Quad_Subject, marking: ExportMarking | undefined): void {
  if (marking === undefined) {
    return;
  }
  triples.add(subject, P.exportControl, dt(marking.regime));
  if (marking.regime === 'EAR') {
    triples.add(subject, P.eccn, stringLiteral(marking.eccn));
  } else if (marking.regime === 'ITAR') {
    triples.add(subject, P.usmlCategory, stringLiteral(marking.usmlCategory));
  }
}
