import type { Quad, Term } from '@rdfjs/types';
import type { Response } from 'express';
import { DataFactory } from 'n3';
import { ForbiddenHttpError } from '../http/HttpError.js';
import type { QueryScope } from '../query/QueryScope.js';
import type { QueryExecutor } from '../sparql/QueryExecutor.js';
import { describeMarking, HIGHEST_LEVEL, levelName, markingOf, type ReadLevel } from './ExportControl.js';
import type { MarkingIndex } from './MarkingIndex.js';
import type { ReadLevelExecutors } from './ReadLevelExecutors.js';

const TSV = 'text/tab-separated-values';

/**
 * What one request may read under export control, obtained with `readScopeOf(res)`. A user not cleared
 * for a resource must never learn of it, so every path that returns data checks with the scope:
 *
 * - single resources: `canRead(iri)` and, when false, the same 404 as for a resource that does not exist;
 * - lists of IRIs (container members, search hits, links to follow): `filter(iris)`;
 * - SPARQL and OSLC queries: `executor()` runs them on worker replicas that contain only readable
 *   graphs, and `select()` returns the rows of such a query;
 * - writes: `requireClearanceFor(quads, iri)` rejects content marked above the user's clearance.
 *
 * Checks are map lookups in the MarkingIndex, cheap enough for the cached GET path.
 */
export class ReadScope implements QueryScope {
  public readonly key: string;
  public readonly unrestricted: boolean;

  public constructor(
    public readonly level: ReadLevel,
    private readonly markings: MarkingIndex,
    private readonly executors: ReadLevelExecutors,
    private readonly timeoutMs: number,
  ) {
    this.key = `level-${level}`;
    this.unrestricted = level === HIGHEST_LEVEL;
  }

  /** Returns whether the user may read the graph (the resource) `iri`. */
  public canRead(iri: string): boolean {
    return this.unrestricted || this.markings.levelOf(iri) <= this.level;
  }

  /** Returns the readable IRIs among `iris`, in their order. */
  public filter(iris: Iterable<string>): string[] {
    const readable: string[] = [];
    for (const iri of iris) {
      if (this.canRead(iri)) {
        readable.push(iri);
      }
    }
    return readable;
  }

  /**
   * Returns the graphs the user may not read, for queries that must run on the full store and filter
   * with `FILTER(?g NOT IN (...))`. Prefer `executor()`, which does not depend on rewriting a query.
   */
  public forbiddenGraphs(): string[] {
    return this.unrestricted ? [] : this.markings.graphsAbove(this.level);
  }

  /** Returns a SPARQL executor whose dataset holds only the graphs this user may read. */
  public executor(): QueryExecutor {
    return this.executors.forLevel(this.level);
  }

  /** Runs a SELECT on the readable graphs and returns its rows as RDF/JS terms (literals without datatype). */
  public async select(sparql: string): Promise<Map<string, Term>[]> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.executor().execute({ query: sparql, format: TSV, dataset: { unionDefaultGraph: true }, timeoutMs: this.timeoutMs })) {
      chunks.push(chunk);
    }
    return parseTsvRows(Buffer.concat(chunks).toString('utf8'));
  }

  /**
   * Throws 403 when `quads` mark `iri` above the user's clearance: writing controlled data needs the
   * clearance to read it. The message names the marking, which the user has just sent. Without `iri`
   * every subject's marking counts, for request bodies whose subject the server has not named yet.
   */
  public requireClearanceFor(quads: readonly Quad[], iri?: string): void {
    const marking = markingOf(quads, iri);
    if (marking.level > this.level) {
      throw new ForbiddenHttpError(
        `The resource is marked ${describeMarking(marking)}, but your clearance covers ${levelName(this.level)} data only; ask a user cleared for ${levelName(marking.level)} to write it.`,
      );
    }
  }
}

/** The scopes of the four levels, built once, so a request only picks one. */
export class ReadScopes {
  private readonly scopes: ReadScope[];

  public constructor(markings: MarkingIndex, executors: ReadLevelExecutors, timeoutMs: number) {
    this.scopes = ([0, 1, 2, 3] as ReadLevel[]).map((level) => new ReadScope(level, markings, executors, timeoutMs));
  }

  public forLevel(level: ReadLevel): ReadScope {
    return this.scopes[level]!;
  }
}

/** Returns the read scope of the request's principal; authentication set it. */
export function readScopeOf(res: Response): ReadScope {
  const scope = res.locals.readScope as ReadScope | undefined;
  if (scope === undefined) {
    throw new Error('readScopeOf was called before authentication set the read scope');
  }
  return scope;
}

/** Parses SPARQL TSV results (SPARQL 1.1 Query Results CSV and TSV Formats, section 3) into rows of terms. */
function parseTsvRows(text: string): Map<string, Term>[] {
  const lines = text.split('\n');
  const variables = (lines[0] ?? '').split('\t').map((name) => name.replace(/^\?/, ''));
  const rows: Map<string, Term>[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') {
      continue;
    }
    const row = new Map<string, Term>();
    line.split('\t').forEach((cell, index) => {
      const term = tsvTerm(cell);
      if (term !== undefined) {
        row.set(variables[index]!, term);
      }
    });
    rows.push(row);
  }
  return rows;
}

function tsvTerm(cell: string): Term | undefined {
  if (cell === '') {
    return undefined;
  }
  if (cell.startsWith('<') && cell.endsWith('>')) {
    return DataFactory.namedNode(cell.slice(1, -1));
  }
  if (cell.startsWith('_:')) {
    return DataFactory.blankNode(cell.slice(2));
  }
  if (cell.startsWith('"')) {
    const end = cell.lastIndexOf('"');
    return DataFactory.literal(JSON.parse(cell.slice(0, end + 1).replace(/\\U([0-9A-Fa-f]{8})/g, (_match, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))) as string);
  }
  // Numbers and booleans in Turtle's short form.
  return DataFactory.literal(cell);
}
