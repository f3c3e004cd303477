import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Quad } from '@rdfjs/types';
import { createSynchronizer } from '../../../src/cli/ImportCommand.js';
import { ImportRejectedError } from '../../../src/import/ImportErrors.js';
import { openInput, type ImportInput } from '../../../src/import/ImportInput.js';
import { runImport, type ImportRequest } from '../../../src/import/ImportRunner.js';
import type { Synchronizer } from '../../../src/import/Synchronizer.js';
import type { SyncReport } from '../../../src/import/SyncReport.js';
import { readRdfFile } from '../../../src/load/RdfFileSource.js';
import { EmbeddedStore } from '../../../src/store/embedded/EmbeddedStore.js';
import type { ChangeEvent } from '../../../src/store/TripleStore.js';
import { MINI_PROGRAMME } from '../../helpers/TestServer.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';

export const BASE = 'http://127.0.0.1:8080/';
export const FCC = `${BASE}oslc/sp/fcc`;

/** Namespace IRIs written out here, so the tests do not share the server's constants. */
export const NS = {
  dcterms: 'http://purl.org/dc/terms/',
  oslc: 'http://open-services.net/ns/core#',
  oslc_plm: 'http://open-services.net/ns/plm#',
  oslc_rm: 'http://open-services.net/ns/rm#',
  prov: 'http://www.w3.org/ns/prov#',
  dt: 'https://w3id.org/digital-thread/ns#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

/** One BOM line as stored: assembly part number, child part number and quantity. */
export type StoredBomLine = [assembly: string, child: string, quantity: number];

/**
 * A data directory with the mini programme (providers fcc and eha) and a Synchronizer over it, as the
 * import command builds one. It records every committed change, so tests can tell that nothing was written.
 */
export class ImportStore {
  public readonly changes: ChangeEvent[][] = [];
  private constructor(
    public readonly store: EmbeddedStore,
    public readonly synchronizer: Synchronizer,
    private readonly directory: { path: string; remove: () => void },
  ) {
    store.onChange((events) => this.changes.push([...events]));
  }

  public static async open(): Promise<ImportStore> {
    const directory = temporaryDirectory('dt-import-');
    const store = new EmbeddedStore({ directory: directory.path });
    await store.open();
    await store.importGraphs(await readRdfFile(MINI_PROGRAMME, { baseIri: BASE }));
    return new ImportStore(store, createSynchronizer(store, BASE), directory);
  }

  public async close(): Promise<void> {
    await this.store.close();
    this.directory.remove();
  }

  /** Imports a file (a path or an input) into provider fcc unless the request names another. */
  public import(format: string, input: string | ImportInput, request: Partial<Omit<ImportRequest, 'format' | 'input'>> = {}): Promise<SyncReport> {
    return runImport(this.synchronizer, { provider: 'fcc', ...request, format, input: typeof input === 'string' ? openInput(input) : input });
  }

  /** Bytes in the journal's segment files: each commit appends a record. */
  public journalBytes(): number {
    const journal = join(this.directory.path, 'journal');
    return readdirSync(journal).reduce((total, name) => total + statSync(join(journal, name)).size, 0);
  }

  /** Every graph with its version. */
  public async versions(): Promise<Map<string, string>> {
    const versions = new Map<string, string>();
    for (const graph of await this.store.graphs()) {
      versions.set(graph, (await this.store.versionOf(graph))!);
    }
    return versions;
  }

  /**
   * Returns the OSLC resources whose version differs from `before`, sorted. Bookkeeping graphs
   * (`urn:x-dt:` identifier sequences and import states) are left out: they change with every import that writes.
   */
  public async changedResources(before: ReadonlyMap<string, string>): Promise<string[]> {
    const after = await this.versions();
    return [...after.keys()].filter((graph) => !graph.startsWith('urn:x-dt:') && after.get(graph) !== before.get(graph)).sort();
  }

  public async quads(iri: string): Promise<Quad[]> {
    return (await this.store.readQuads(iri)) ?? [];
  }

  /** Values of one property of a resource, sorted. */
  public async values(iri: string, property: string): Promise<string[]> {
    return (await this.quads(iri))
      .filter((quad) => quad.subject.value === iri && quad.predicate.value === property)
      .map((quad) => quad.object.value)
      .sort();
  }

  /** IRIs of the resources of a class in provider fcc, sorted. */
  public async resources(type: string, provider = FCC): Promise<string[]> {
    const rows = await this.select(`SELECT ?r WHERE { GRAPH ?r { ?r a <${type}> ; <${NS.oslc}serviceProvider> <${provider}> } }`);
    return rows.map((row) => row.r!).sort();
  }

  /** Returns the imported requirements of provider fcc by their SPEC-OBJECT IDENTIFIER (dt:sourceId). */
  public async requirementsBySourceId(): Promise<Map<string, string>> {
    const bySourceId = new Map<string, string>();
    for (const iri of await this.resources(`${NS.oslc_rm}Requirement`)) {
      const [sourceId] = await this.values(iri, `${NS.dt}sourceId`);
      if (sourceId !== undefined) {
        bySourceId.set(sourceId, iri);
      }
    }
    return bySourceId;
  }

  /** Finds the part with a part number and revision in provider fcc. */
  public async part(partNumber: string, revision: string): Promise<string | undefined> {
    const rows = await this.select(
      `SELECT ?p WHERE { GRAPH ?p { ?p a <${NS.oslc_plm}Part> ; <${NS.oslc}serviceProvider> <${FCC}> ; <${NS.dt}partNumber> ${JSON.stringify(partNumber)} ; <${NS.dt}revision> ${JSON.stringify(revision)} } }`,
    );
    return rows[0]?.p;
  }

  /** Reads the BOM lines of provider fcc, only those last written by `source` when it is given, sorted. */
  public async bom(source?: string): Promise<StoredBomLine[]> {
    const filter = source === undefined ? '' : `?l <${NS.prov}wasDerivedFrom> <${source}> .`;
    const rows = await this.select(
      `SELECT ?assembly ?child ?quantity WHERE {
         GRAPH ?l { ?l a <${NS.oslc_plm}PartUsage> ; <${NS.oslc}serviceProvider> <${FCC}> ; <${NS.dt}assembly> ?a ; <${NS.oslc_plm}representsPart> ?c ; <${NS.dt}quantity> ?quantity . ${filter} }
         GRAPH ?a { ?a <${NS.dt}partNumber> ?assembly }
         GRAPH ?c { ?c <${NS.dt}partNumber> ?child } }`,
    );
    return rows.map((row): StoredBomLine => [row.assembly!, row.child!, Number(row.quantity)]).sort(compareLines);
  }

  private async select(sparql: string): Promise<Record<string, string>[]> {
    const result = await this.store.query(sparql);
    if (result.type !== 'bindings') {
      throw new Error('expected bindings');
    }
    return result.rows.map((row) => Object.fromEntries([...row.entries()].map(([name, term]) => [name, term.value])));
  }
}

export function compareLines(a: StoredBomLine, b: StoredBomLine): number {
  return a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[2] - b[2];
}

/** Depth of a BOM: the number of levels from the top assembly down to the deepest part. */
export function bomLevels(lines: readonly StoredBomLine[]): number {
  const children = new Map<string, string[]>();
  for (const [assembly, child] of lines) {
    children.set(assembly, [...(children.get(assembly) ?? []), child]);
  }
  const depth = (part: string): number => 1 + Math.max(0, ...(children.get(part) ?? []).map(depth));
  const used = new Set(lines.map((line) => line[1]));
  return Math.max(...[...children.keys()].filter((part) => !used.has(part)).map(depth));
}

/**
 * Returns a function that writes parent-child CSV BOMs (header `Part Number,Parent,Title,Qty,Find No`)
 * into `folder` and returns their paths. Every file of one name is one import source.
 */
export function csvBomWriter(folder: string): (name: string, rows: readonly string[]) => string {
  return (name, rows) => {
    const path = join(folder, name);
    writeFileSync(path, ['Part Number,Parent,Title,Qty,Find No', ...rows].join('\n'));
    return path;
  };
}

/** Awaits an import that must be rejected and returns its errors as `file line (entity): message` lines. */
export async function rejection(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      return error.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.location?.file} line ${issue.location?.line}${issue.location?.entity === undefined ? '' : ` (${issue.location.entity})`}: ${issue.message}`);
    }
    throw error;
  }
  throw new Error('the import was expected to be rejected');
}
