import sparqljs from 'sparqljs';
import type * as Sparql from 'sparqljs';
import { InvalidQueryError } from './StoreError.js';
import { containsService } from './SparqlSyntax.js';

/**
 * Splits a SPARQL 1.1 Update into single operations and finds, for each, the named graphs it may
 * change. Stores use this to apply an update one operation at a time and to record exactly which
 * resources changed, so that versions, ETags and change events stay correct after an update.
 *
 * Rules enforced here, because data lives in named graphs and the store never fetches the network:
 * - writes to the default graph are rejected (SPARQL 1.1 Update `INSERT DATA { ... }` without `GRAPH`);
 * - `LOAD` is rejected.
 */
export class UpdatePlanner {
  private readonly generator = new sparqljs.Generator();

  /** Parses an update and returns its operations, each with the text to run it alone. */
  public parse(text: string, baseIri?: string): PlannedOperation[] {
    let parsed: Sparql.Update;
    try {
      const result = new sparqljs.Parser({ baseIRI: baseIri }).parse(text);
      if (result.type !== 'update') {
        throw new InvalidQueryError('The text is a SPARQL query, not an update; send it to the query endpoint.');
      }
      parsed = result;
    } catch (error) {
      if (error instanceof InvalidQueryError) {
        throw error;
      }
      throw new InvalidQueryError(`Invalid SPARQL update: ${(error as Error).message}`);
    }

    if (containsService(parsed)) {
      throw new InvalidQueryError('SERVICE (federated query) is disabled on this server; update the data stored here only.');
    }
    return parsed.updates.map((operation) => this.plan(operation));
  }

  private plan(operation: Sparql.UpdateOperation): PlannedOperation {
    const text = this.generator.stringify({ type: 'update', prefixes: {}, updates: [operation] });

    if ('updateType' in operation) {
      return { text, ...this.planInsertDelete(operation) };
    }

    switch (operation.type) {
      case 'load':
        throw new InvalidQueryError('LOAD is not allowed: the store does not fetch remote data. Load files with `digital-thread load` instead.');
      case 'create':
        return { text, graphs: [] };
      case 'clear':
      case 'drop':
        return { text, ...this.planClearDrop(operation) };
      case 'add':
      case 'copy':
      case 'move':
        return { text, ...this.planCopyMoveAdd(operation) };
      default:
        throw new InvalidQueryError(`Unsupported update operation ${(operation as { type: string }).type}.`);
    }
  }

  private planInsertDelete(parsed: Sparql.InsertDeleteOperation): Omit<PlannedOperation, 'text'> {
    // sparqljs gives `WITH <g>` as a plain IRI term, whatever its type declarations say.
    const operation = parsed as unknown as InsertDeleteShape;
    const withGraph = operation.graph?.termType === 'NamedNode' ? operation.graph.value : undefined;
    const templates = [...(operation.insert ?? []), ...(operation.delete ?? [])];
    const graphs = new Set<string>();
    const graphVariables = new Set<string>();

    for (const template of templates) {
      if (template.type === 'graph') {
        if (template.name.termType === 'NamedNode') {
          graphs.add(template.name.value);
        } else {
          graphVariables.add(template.name.value);
        }
      } else if (template.triples.length > 0) {
        if (withGraph === undefined) {
          throw new InvalidQueryError(
            'The update writes to the default graph, which holds no data here; wrap the triples in GRAPH <resource-IRI> { ... } or use WITH <resource-IRI>.',
          );
        }
        graphs.add(withGraph);
      }
    }

    // The default graph holds no data here, so WHERE patterns outside GRAPH would silently match nothing.
    if (withGraph === undefined && operation.using === undefined && readsDefaultGraph(operation.updateType === 'deletewhere' ? operation.delete : operation.where)) {
      throw new InvalidQueryError(
        'The WHERE clause reads the default graph, which holds no data on this server; wrap its patterns in GRAPH ?g { ... } (or GRAPH <resource-IRI>), or add USING <resource-IRI>.',
      );
    }

    if (graphVariables.size === 0) {
      return { graphs: [...graphs] };
    }

    // The graphs named by variables are those the WHERE clause binds; find them with a SELECT over the
    // same dataset before the operation runs.
    const where: Sparql.Pattern[] =
      operation.updateType === 'deletewhere' ? (operation.delete ?? []).map(quadsToPattern) : (operation.where ?? []);
    const from = operation.using ?? (withGraph === undefined ? undefined : { default: [operation.graph as Sparql.IriTerm], named: [] });
    const select: Sparql.SelectQuery = {
      type: 'query',
      queryType: 'SELECT',
      distinct: true,
      prefixes: {},
      variables: [...graphVariables].map((name) => ({ termType: 'Variable', value: name }) as Sparql.VariableTerm),
      where,
      ...(from === undefined ? {} : { from }),
    };
    return { graphs: [...graphs], graphQuery: { text: this.generator.stringify(select), variables: [...graphVariables] } };
  }

  private planClearDrop(operation: Sparql.ClearDropOperation): Omit<PlannedOperation, 'text'> {
    const target = operation.graph;
    if ('all' in target && target.all === true) {
      return { graphs: [], allGraphs: true };
    }
    if ('named' in target && target.named === true) {
      return { graphs: [], allGraphs: true };
    }
    if ('default' in target && target.default === true) {
      return { graphs: [] };
    }
    return { graphs: [(target as Sparql.GraphOrDefault).name!.value] };
  }

  private planCopyMoveAdd(operation: Sparql.CopyMoveAddOperation): Omit<PlannedOperation, 'text'> {
    const destination = operation.destination.name?.value;
    if (destination === undefined) {
      throw new InvalidQueryError(`${operation.type.toUpperCase()} into the default graph is not allowed; name a destination graph.`);
    }
    const graphs = [destination];
    const source = operation.source.name?.value;
    if (operation.type === 'move' && source !== undefined) {
      graphs.push(source);
    }
    return { graphs };
  }
}

export interface PlannedOperation {
  /** The operation alone, as SPARQL Update text with full IRIs. */
  text: string;
  /** Graphs the operation may change, known before it runs. */
  graphs: string[];
  /** Whether the operation may change every named graph (CLEAR/DROP ALL or NAMED). */
  allGraphs?: boolean;
  /** A SELECT whose results name further graphs the operation may change. */
  graphQuery?: { text: string; variables: string[] };
}

/** Whether patterns hold triple or path patterns that are not inside a GRAPH pattern. */
function readsDefaultGraph(patterns: unknown): boolean {
  if (Array.isArray(patterns)) {
    return patterns.some(readsDefaultGraph);
  }
  if (patterns === null || typeof patterns !== 'object') {
    return false;
  }
  const pattern = patterns as { type?: string; triples?: unknown[]; patterns?: unknown; where?: unknown };
  if (pattern.type === 'graph') {
    return false;
  }
  if (pattern.type === 'bgp' && (pattern.triples?.length ?? 0) > 0) {
    return true;
  }
  return readsDefaultGraph(pattern.patterns) || readsDefaultGraph(pattern.where);
}

/** The runtime shape of an INSERT/DELETE operation as sparqljs 3.7 produces it. */
interface InsertDeleteShape {
  updateType: 'insert' | 'delete' | 'insertdelete' | 'deletewhere';
  graph?: { termType: string; value: string };
  insert?: Sparql.Quads[];
  delete?: Sparql.Quads[];
  where?: Sparql.Pattern[];
  using?: { default: Sparql.IriTerm[]; named: Sparql.IriTerm[] };
}

function quadsToPattern(quads: Sparql.Quads): Sparql.Pattern {
  if (quads.type === 'bgp') {
    return quads;
  }
  return { type: 'graph', name: quads.name, patterns: [{ type: 'bgp', triples: quads.triples }] } as Sparql.GraphPattern;
}
