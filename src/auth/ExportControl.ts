import type { Quad } from '@rdfjs/types';
import { DT } from '../rdf/namespaces.js';

/**
 * Export-control markings and clearances.
 *
 * A resource's marking is the `dt:exportControl` value it states about itself (the triple
 * `<resource> dt:exportControl ?regime` in the resource's own graph): none, EAR99, EAR (with an ECCN)
 * or ITAR (with a USML category). Markings are ordered by how strictly they are controlled, and a
 * clearance is the strictest marking a user may read:
 *
 * | clearance | reads |
 * |---|---|
 * | none | unmarked resources only |
 * | EAR99 | unmarked and EAR99 |
 * | EAR | unmarked, EAR99 and EAR (every ECCN) |
 * | ITAR | everything, because an ITAR-cleared user is a U.S. person who may also receive EAR data |
 *
 * A principal with several clearances has the strictest of them. A marking this server does not know
 * (another IRI as `dt:exportControl`) is treated as ITAR, so unknown data fails closed.
 */
export const CLEARANCES = ['EAR99', 'EAR', 'ITAR'] as const;
export type Clearance = (typeof CLEARANCES)[number];

/** Read levels: 0 unmarked, 1 EAR99, 2 EAR, 3 ITAR. A user reads resources at or below their level. */
export type ReadLevel = 0 | 1 | 2 | 3;

export const UNMARKED: ReadLevel = 0;
export const HIGHEST_LEVEL: ReadLevel = 3;

const LEVEL_OF_CLEARANCE: Record<Clearance, ReadLevel> = { EAR99: 1, EAR: 2, ITAR: 3 };
const LEVEL_NAMES = ['unmarked', 'EAR99', 'EAR', 'ITAR'] as const;

export const EXPORT_CONTROL = DT('exportControl');
const LEVEL_OF_REGIME = new Map<string, ReadLevel>([
  [DT('EAR99'), 1],
  [DT('EAR'), 2],
  [DT('ITAR'), 3],
]);

/** Returns the level of a `dt:exportControl` value; unknown regimes count as ITAR. */
export function levelOfRegime(regimeIri: string): ReadLevel {
  return LEVEL_OF_REGIME.get(regimeIri) ?? HIGHEST_LEVEL;
}

/** Returns the clearance named by `text` (EAR99, EAR, ITAR, in any case), or undefined. */
export function parseClearance(text: string): Clearance | undefined {
  const upper = text.trim().toUpperCase();
  return (CLEARANCES as readonly string[]).includes(upper) ? (upper as Clearance) : undefined;
}

/** Returns the read level of a set of clearances: the strictest marking any of them allows. */
export function levelOfClearances(clearances: Iterable<Clearance>): ReadLevel {
  let level: ReadLevel = UNMARKED;
  for (const clearance of clearances) {
    level = Math.max(level, LEVEL_OF_CLEARANCE[clearance]) as ReadLevel;
  }
  return level;
}

/** Returns the name of a level as users see it: unmarked, EAR99, EAR or ITAR. */
export function levelName(level: ReadLevel): string {
  return LEVEL_NAMES[level];
}

/** The marking of one resource, with its classification number when the data states one. */
export interface Marking {
  level: ReadLevel;
  regime?: string;
  /** ECCN for EAR, USML category for ITAR. */
  classification?: string;
}

/**
 * Returns the marking `resource` states about itself in `quads`; the strictest wins when there are
 * several. Without `resource`, markings of every subject count.
 */
export function markingOf(quads: readonly Quad[], resource?: string): Marking {
  let marking: Marking = { level: UNMARKED };
  let subject = resource;
  for (const quad of quads) {
    if ((resource !== undefined && quad.subject.value !== resource) || quad.predicate.value !== EXPORT_CONTROL) {
      continue;
    }
    const level = quad.object.termType === 'NamedNode' ? levelOfRegime(quad.object.value) : HIGHEST_LEVEL;
    if (level >= marking.level) {
      marking = { level, regime: quad.object.value };
      subject = quad.subject.value;
    }
  }
  if (marking.level === 0) {
    return marking;
  }
  const classificationProperty = marking.level === 3 ? DT('usmlCategory') : DT('eccn');
  const classification = quads.find((quad) => quad.subject.value === subject && quad.predicate.value === classificationProperty)?.object.value;
  return classification === undefined ? marking : { ...marking, classification };
}

/** Describes a marking for messages, such as "ITAR (USML XI(a)(3))" or "EAR (ECCN 7A994)". */
export function describeMarking(marking: Marking): string {
  const name = levelName(marking.level);
  if (marking.classification === undefined) {
    return name;
  }
  return `${name} (${marking.level === 3 ? 'USML' : 'ECCN'} ${marking.classification})`;
}

const MARKING_LINE_PREFIX = '<https://w3id.org/digital-thread/ns#exportControl> ';

/**
 * Returns the level a graph's N-Triples give its own resource, without parsing them: the journal
 * and the SPARQL workers hold graphs as N-Triples, and this runs for every replicated write.
 */
export function levelOfNTriples(graph: string, ntriples: string): ReadLevel {
  const subject = `<${graph}> ${MARKING_LINE_PREFIX}`;
  let level: ReadLevel = UNMARKED;
  for (let index = ntriples.indexOf(subject); index >= 0; index = ntriples.indexOf(subject, index + 1)) {
    if (index > 0 && ntriples[index - 1] !== '\n') {
      continue;
    }
    const start = index + subject.length;
    const end = ntriples.indexOf('\n', start);
    const object = ntriples.slice(start, end < 0 ? ntriples.length : end).replace(/\s*\.\s*$/, '');
    const regime = object.startsWith('<') && object.endsWith('>') ? levelOfRegime(object.slice(1, -1)) : HIGHEST_LEVEL;
    level = Math.max(level, regime) as ReadLevel;
  }
  return level;
}

/** SPARQL that lists every graph marking its own resource, as ?g and ?regime. */
export const MARKED_GRAPHS_QUERY = `SELECT ?g ?regime WHERE { GRAPH ?g { ?g <${EXPORT_CONTROL}> ?regime } }`;
