import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import { DCTERMS, DT, RDF_TYPE, RDFS } from '../rdf/namespaces.js';
import { compareIdentifiers, levelOfIri, standardOfIri, type AssuranceLevel, type StandardKey } from './Certification.js';

/** One objective of a standard, with the levels at which it applies and needs independence. */
export interface Objective {
  iri: string;
  /** Identifier within its standard, for example or 6.2-1. */
  identifier: string;
  /** Table or section of the standard that lists it, for example A-7. */
  table: string;
  standard: StandardKey;
  /** Short title in our own words. */
  title: string;
  applicableAt: ReadonlySet<AssuranceLevel>;
  independenceAt: ReadonlySet<AssuranceLevel>;
}

/** The objective catalogue files in vocab/. */
export const CATALOGUE_FILES = ['do-178c-objectives.ttl', 'do-254-objectives.ttl', 'ecss-objectives.ttl'] as const;

/** The objectives of DO-178C, DO-254 and ECSS, read from the catalogue files in vocab/. */
export class ObjectiveCatalogue {
  private readonly byIri = new Map<string, Objective>();

  constructor(objectives: Iterable<Objective>) {
    for (const objective of objectives) {
      this.byIri.set(objective.iri, objective);
    }
  }

  /** Reads the catalogue files of `vocabularyDirectory`; every dt:Objective needs an identifier, table, standard and label. */
  static load(vocabularyDirectory: string): ObjectiveCatalogue {
    const objectives: Objective[] = [];
    for (const file of CATALOGUE_FILES) {
      objectives.push(...parseCatalogue(readFileSync(join(vocabularyDirectory, file), 'utf8'), file));
    }
    return new ObjectiveCatalogue(objectives);
  }

  get(iri: string): Objective | undefined {
    return this.byIri.get(iri);
  }

  /** Returns the objectives of a standard that apply at `level`, in the standard's order. */
  applicable(standard: StandardKey, level: AssuranceLevel): Objective[] {
    return this.all().filter((objective) => objective.standard === standard && objective.applicableAt.has(level));
  }

  /** Returns every objective, ordered by standard and identifier. */
  all(): Objective[] {
    return [...this.byIri.values()].sort((a, b) => (a.standard === b.standard ? compareIdentifiers(a.identifier, b.identifier) : a.standard < b.standard ? -1 : 1));
  }
}

function parseCatalogue(turtle: string, file: string): Objective[] {
  const values = new Map<string, Map<string, string[]>>();
  for (const quad of new Parser().parse(turtle)) {
    const properties = values.get(quad.subject.value) ?? new Map<string, string[]>();
    values.set(quad.subject.value, properties);
    properties.set(quad.predicate.value, [...(properties.get(quad.predicate.value) ?? []), quad.object.value]);
  }
  const objectives: Objective[] = [];
  for (const [iri, properties] of values) {
    if (!(properties.get(RDF_TYPE) ?? []).includes(DT('Objective'))) {
      continue;
    }
    const first = (predicate: string): string => {
      const value = properties.get(predicate)?.[0];
      if (value === undefined) {
        throw new Error(`Objective ${iri} in vocab/${file} has no <${predicate}>.`);
      }
      return value;
    };
    const standard = standardOfIri(first(DT('standard')));
    if (standard === undefined) {
      throw new Error(`Objective ${iri} in vocab/${file} names an unknown standard ${first(DT('standard'))}.`);
    }
    const identifier = first(DCTERMS('identifier'));
    const label = first(RDFS('label'));
    objectives.push({
      iri,
      identifier,
      table: first(DT('objectiveTable')),
      standard,
      title: label.startsWith(`${identifier} `) ? label.slice(identifier.length + 1) : label,
      applicableAt: levels(properties.get(DT('applicableAt'))),
      independenceAt: levels(properties.get(DT('independenceAt'))),
    });
  }
  return objectives;
}

function levels(iris: string[] | undefined): Set<AssuranceLevel> {
  return new Set((iris ?? []).map(levelOfIri).filter((level): level is AssuranceLevel => level !== undefined));
}
