import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { RDF_TYPE, RDFS } from '../rdf/namespaces.js';

const QUDT_SYMBOL = 'http://qudt.org/schema/qudt/symbol';
const SKOS_ALT_LABEL = 'http://www.w3.org/2004/02/skos/core#altLabel';
const DT_STANDARD = 'https://w3id.org/digital-thread/ns#standard';
const DT_OBJECTIVE_TABLE = 'https://w3id.org/digital-thread/ns#objectiveTable';

/** The project's vocabulary files (vocab/*.ttl), merged, with labels for display. */
export class Vocabulary {
  public readonly quads: Quad[];
  private readonly labels = new Map<string, string>();
  private readonly symbols = new Map<string, string>();
  private readonly alternativeLabels = new Map<string, string[]>();
  private readonly instances = new Map<string, string[]>();
  private readonly standards = new Map<string, string>();
  private readonly tables = new Map<string, string>();

  private constructor(quads: Quad[]) {
    this.quads = quads;
    for (const quad of quads) {
      const subject = quad.subject.value;
      if (quad.predicate.value === RDFS('label') && quad.object.termType === 'Literal' && !this.labels.has(subject)) {
        this.labels.set(subject, quad.object.value);
      } else if (quad.predicate.value === SKOS_ALT_LABEL && quad.object.termType === 'Literal') {
        this.alternativeLabels.set(subject, [...(this.alternativeLabels.get(subject) ?? []), quad.object.value]);
      } else if (quad.predicate.value === QUDT_SYMBOL && quad.object.termType === 'Literal') {
        this.symbols.set(subject, quad.object.value);
      } else if (quad.predicate.value === DT_STANDARD && quad.object.termType === 'NamedNode') {
        this.standards.set(subject, quad.object.value);
      } else if (quad.predicate.value === DT_OBJECTIVE_TABLE && quad.object.termType === 'Literal') {
        this.tables.set(subject, quad.object.value);
      } else if (quad.predicate.value === RDF_TYPE && quad.object.termType === 'NamedNode') {
        const members = this.instances.get(quad.object.value) ?? [];
        members.push(subject);
        this.instances.set(quad.object.value, members);
      }
    }
  }

  public static load(directory: string): Vocabulary {
    const quads: Quad[] = [];
    for (const file of readdirSync(directory).filter((name) => name.endsWith('.ttl')).sort()) {
      try {
        quads.push(...(new Parser().parse(readFileSync(join(directory, file), 'utf8')) as Quad[]));
      } catch (error) {
        throw new Error(`Vocabulary file ${file} is not valid Turtle: ${(error as Error).message}`);
      }
    }
    return new Vocabulary(quads);
  }

  /** Returns the `rdfs:label` of a term, if the vocabulary defines one. */
  public label(iri: string): string | undefined {
    return this.labels.get(iri);
  }

  /** Returns the `skos:altLabel`s of a term, such as "DAL A" for dt:LevelA. */
  public altLabels(iri: string): readonly string[] {
    return this.alternativeLabels.get(iri) ?? [];
  }

  /** Returns the `qudt:symbol` of a unit, such as "kg" for unit:KiloGM. */
  public symbol(iri: string): string | undefined {
    return this.symbols.get(iri);
  }

  /** Returns the individuals the vocabulary types with `classIri`, in file order. */
  public instancesOf(classIri: string): readonly string[] {
    return this.instances.get(classIri) ?? [];
  }

  /**
   * Returns the heading under which a form lists an individual among many, such as "DO-178C A-4" for an
   * objective: its `dt:standard` and `dt:objectiveTable` (a table or section of the standard). Individuals without them have no group.
   */
  public group(iri: string): string | undefined {
    const standard = this.standards.get(iri);
    if (standard === undefined) {
      return undefined;
    }
    const standardLabel = this.labels.get(standard) ?? standard;
    const table = this.tables.get(iri);
    return table === undefined ? standardLabel : `${standardLabel} ${table}`;
  }

  /**
   * Sets display labels from elsewhere, replacing vocabulary labels: shape property titles such as
   * "Part Number" read better on pages than the vocabulary's lower-case "part number".
   */
  public setLabels(entries: Iterable<[string, string]>): void {
    for (const [iri, label] of entries) {
      this.labels.set(iri, label);
    }
  }
}
