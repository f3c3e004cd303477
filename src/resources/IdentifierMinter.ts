import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, OSLC, XSD } from '../rdf/namespaces.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import type { GraphWrite, TripleStore } from '../store/TripleStore.js';

const { namedNode, literal, quad } = DataFactory;

/** A freshly allocated identifier and the store write that records the allocation. */
export interface MintedIdentifier {
  identifier: string;
  /** Commit this with the new resource; its precondition makes concurrent allocations retry. */
  sequenceWrite: GraphWrite;
}

/** Consecutive identifiers and the store write that records their allocation. */
export interface MintedBlock {
  identifiers: string[];
  sequenceWrite: GraphWrite;
}

/**
 * Allocates `dcterms:identifier` values such as NCR-000042, per service provider and resource type.
 *
 * The last number is kept in a small graph of its own. It is written in the same commit as the new
 * resource, with the version read as precondition. So two concurrent creations cannot get the same
 * number, and a deleted resource's identifier (and IRI) is never reused. The first allocation for a
 * type starts after the highest identifier already stored, so data loaded from files keeps its numbers.
 */
export class IdentifierMinter {
  public constructor(private readonly store: TripleStore) {}

  public async next(provider: string, providerIri: string, shape: ResourceTypeShape): Promise<MintedIdentifier> {
    const block = await this.nextBlock(provider, providerIri, shape, 1);
    return { identifier: block.identifiers[0]!, sequenceWrite: block.sequenceWrite };
  }

  /**
   * Allocates `count` consecutive identifiers with one sequence write, for imports that create many
   * resources in one commit. With a count of 0 the identifiers are empty and the write changes nothing.
   */
  public async nextBlock(provider: string, providerIri: string, shape: ResourceTypeShape, count: number): Promise<MintedBlock> {
    const graph = sequenceGraph(provider, shape);
    const [quads, version] = await Promise.all([this.store.readQuads(graph), this.store.versionOf(graph)]);

    let last: number;
    const stored = quads?.find((candidate) => candidate.predicate.value === DT('lastSequenceNumber'));
    if (stored !== undefined) {
      last = Number(stored.object.value);
    } else {
      last = await this.highestStored(providerIri, shape);
    }

    const identifiers: string[] = [];
    for (let number = last + 1; number <= last + count; number++) {
      identifiers.push(`${shape.identifierPrefix}-${String(number).padStart(6, '0')}`);
    }
    return { identifiers, sequenceWrite: { graph, quads: sequenceQuads(graph, last + count), expectedVersion: version ?? null } };
  }

  /**
   * Returns the write that keeps a deleted resource's number from being allocated again, or undefined
   * when the sequence already lies beyond it. Needed when the deleted resource is the highest one of
   * data that was loaded from files, before any identifier was allocated.
   */
  public async recordDeletion(provider: string, providerIri: string, shape: ResourceTypeShape, identifier: string): Promise<GraphWrite | undefined> {
    const match = new RegExp(`^${shape.identifierPrefix}-(\\d+)$`).exec(identifier);
    if (match === null) {
      return undefined;
    }
    const number = Number(match[1]);
    const graph = sequenceGraph(provider, shape);
    const [quads, version] = await Promise.all([this.store.readQuads(graph), this.store.versionOf(graph)]);
    const stored = quads?.find((candidate) => candidate.predicate.value === DT('lastSequenceNumber'));
    const last = stored === undefined ? await this.highestStored(providerIri, shape) : Number(stored.object.value);
    if (stored !== undefined && last >= number) {
      return undefined;
    }
    return { graph, quads: sequenceQuads(graph, Math.max(last, number)), expectedVersion: version ?? null };
  }

  private async highestStored(providerIri: string, shape: ResourceTypeShape): Promise<number> {
    const prefix = `${shape.identifierPrefix}-`;
    const result = await this.store.query(
      `SELECT (MAX(?number) AS ?last) WHERE {
        GRAPH ?g { ?s <${DCTERMS('identifier')}> ?id ; <${OSLC('serviceProvider')}> <${providerIri}> ; a <${shape.describes[0]}> }
        FILTER(STRSTARTS(?id, ${JSON.stringify(prefix)}))
        BIND(xsd:integer(SUBSTR(?id, ${prefix.length + 1})) AS ?number)
      }`.replace('xsd:integer', `<${XSD('integer')}>`),
    );
    if (result.type !== 'bindings') {
      return 0;
    }
    const value = result.rows[0]?.get('last')?.value;
    const last = value === undefined ? 0 : Number(value);
    return Number.isFinite(last) ? last : 0;
  }
}

function sequenceGraph(provider: string, shape: ResourceTypeShape): string {
  return `urn:x-dt:sequence:${provider}:${shape.pathSegment}`;
}

function sequenceQuads(graph: string, last: number): Quad[] {
  return [quad(namedNode(graph), namedNode(DT('lastSequenceNumber')), literal(String(last), namedNode(XSD('integer'))))];
}
