import type { Quad, Term } from '@rdfjs/types';
import { generateProgramme, SAMPLE_SEED, type GeneratedResource } from '../../src/sample/ProgrammeGenerator.js';
import { RESOURCE_TYPES, RESOURCE_TYPE_NAMES, type ResourceTypeName } from '../../src/sample/ResourceTypes.js';

/** Test helpers: the generated data set indexed by resource, with property lookups by IRI. */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcterms: 'http://purl.org/dc/terms/',
  oslc: 'http://open-services.net/ns/core#',
  oslc_plm: 'http://open-services.net/ns/plm#',
  oslc_cm: 'http://open-services.net/ns/cm#',
  oslc_rm: 'http://open-services.net/ns/rm#',
  oslc_qm: 'http://open-services.net/ns/qm#',
  prov: 'http://www.w3.org/ns/prov#',
  dt: 'https://w3id.org/digital-thread/ns#',
  unit: 'http://qudt.org/vocab/unit/',
} as const;

export const RDF_TYPE = `${NS.rdf}type`;

/** One generated resource with its triples grouped by subject and predicate. */
export class IndexedResource {
  readonly provider: string;
  readonly type: ResourceTypeName | 'ServiceProvider';
  private readonly bySubject = new Map<string, Map<string, Term[]>>();

  constructor(readonly graph: string, readonly quads: Quad[]) {
    const segments = graph.split('/');
    this.provider = segments[2]!;
    const typeName = RESOURCE_TYPE_NAMES.find((name) => RESOURCE_TYPES[name].pathSegment === segments[3]);
    this.type = segments.length === 3 ? 'ServiceProvider' : typeName!;
    for (const quad of quads) {
      const properties = this.bySubject.get(quad.subject.value) ?? new Map<string, Term[]>();
      const values = properties.get(quad.predicate.value) ?? [];
      values.push(quad.object);
      properties.set(quad.predicate.value, values);
      this.bySubject.set(quad.subject.value, properties);
    }
  }

  /** Values of `predicate` on the resource itself, or on the blank node `subject`. */
  values(predicate: string, subject: string = this.graph): Term[] {
    return this.bySubject.get(subject)?.get(predicate) ?? [];
  }

  /** Returns the first value's lexical form or IRI, or undefined when there is none. */
  value(predicate: string, subject: string = this.graph): string | undefined {
    return this.values(predicate, subject)[0]?.value;
  }

  predicates(subject: string = this.graph): string[] {
    return [...(this.bySubject.get(subject)?.keys() ?? [])];
  }

  get identifier(): string {
    return this.value(`${NS.dcterms}identifier`)!;
  }
}

export class SampleIndex {
  readonly resources: IndexedResource[] = [];
  readonly byGraph = new Map<string, IndexedResource>();

  constructor(generated: Iterable<GeneratedResource>) {
    for (const resource of generated) {
      const indexed = new IndexedResource(resource.graph, resource.quads);
      this.resources.push(indexed);
      this.byGraph.set(resource.graph, indexed);
    }
  }

  ofType(type: ResourceTypeName, provider?: string): IndexedResource[] {
    return this.resources.filter((resource) => resource.type === type && (provider === undefined || resource.provider === provider));
  }

  get(iri: string): IndexedResource {
    const resource = this.byGraph.get(iri);
    if (resource === undefined) {
      throw new Error(`No generated resource ${iri}`);
    }
    return resource;
  }

  get tripleCount(): number {
    return this.resources.reduce((sum, resource) => sum + resource.quads.length, 0);
  }
}

const cache = new Map<string, SampleIndex>();

/** Returns the indexed data set for the seed and scale, generated once per test process. */
export function sampleIndex(seed: number = SAMPLE_SEED, scale = 1): SampleIndex {
  const key = `${seed}/${scale}`;
  let index = cache.get(key);
  if (index === undefined) {
    index = new SampleIndex(generateProgramme({ seed, scale }));
    cache.set(key, index);
  }
  return index;
}

export const PROVIDERS = ['fcc', 'eha'] as const;
