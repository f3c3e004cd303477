import { DT, OSLC, OSLC_PLM, RDF_TYPE } from '../rdf/namespaces.js';
import type { TripleStore } from '../store/TripleStore.js';
import { selectRows } from '../store/TsvResults.js';
import { PROVENANCE } from './Provenance.js';

/** A stored BOM line's use of one revision of a part number, named by the assembly that uses it. */
export interface StoredUse {
  assemblyNumber: string;
  assemblyRevision: string;
  /** The revision of the part number that the line uses (oslc_plm:representsPart). */
  revision: string;
}

/** The stored revisions of one part number, and the stored BOM lines that use any of them. */
export interface StoredPartNumber {
  revisions: string[];
  uses: StoredUse[];
}

/**
 * Returns, by part number, the revisions that a provider stores and the stored assemblies that use each,
 * counting only assemblies that an import from `system` wrote last. A part number that the provider does
 * not store has no entry.
 */
export type StoredUsesLookup = (partNumbers: readonly string[], system: string) => Promise<ReadonlyMap<string, StoredPartNumber>>;

/** Quotes a string as a SPARQL literal (STRING_LITERAL2), escaping the characters that it may not contain. */
function sparqlString(value: string): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r' };
  return `"${value.replace(/["\\\n\r]/g, (character) => escapes[character]!)}"`;
}

/**
 * Reads the stored revisions of `partNumbers` in a provider, and the assemblies whose BOM lines
 * (oslc_plm:PartUsage with dt:assembly and oslc_plm:representsPart) use them, with one SPARQL query.
 * Only assemblies whose dt:sourceSystem is `system` count, because the source system can read only those again.
 */
export async function readStoredUses(store: TripleStore, providerIri: string, partNumbers: readonly string[], system: string): Promise<Map<string, StoredPartNumber>> {
  const found = new Map<string, StoredPartNumber>();
  if (partNumbers.length === 0) {
    return found;
  }

  const provider = `<${OSLC('serviceProvider')}> <${providerIri}>`;
  const sparql = `SELECT ?number ?revision ?assemblyNumber ?assemblyRevision WHERE {
    VALUES ?number { ${[...new Set(partNumbers)].map(sparqlString).join(' ')} }
    GRAPH ?part { ?part <${RDF_TYPE}> <${OSLC_PLM('Part')}> ; ${provider} ; <${DT('partNumber')}> ?number ; <${DT('revision')}> ?revision }
    OPTIONAL {
      GRAPH ?line { ?line <${RDF_TYPE}> <${OSLC_PLM('PartUsage')}> ; ${provider} ; <${OSLC_PLM('representsPart')}> ?part ; <${DT('assembly')}> ?assembly }
      GRAPH ?assembly { ?assembly <${DT('partNumber')}> ?assemblyNumber ; <${DT('revision')}> ?assemblyRevision ; <${PROVENANCE.sourceSystem}> ${sparqlString(system)} }
    }
  }`;

  // One line per use would repeat a use for each line, such as two lines at two find numbers.
  const seen = new Set<string>();
  for (const [number, revision, assemblyNumber, assemblyRevision] of await selectRows(store, sparql)) {
    const entry = found.get(number!) ?? { revisions: [], uses: [] };
    found.set(number!, entry);
    if (!entry.revisions.includes(revision!)) {
      entry.revisions.push(revision!);
    }
    const key = [number, revision, assemblyNumber, assemblyRevision].join('\u0000');
    if (assemblyNumber !== '' && assemblyRevision !== '' && !seen.has(key)) {
      seen.add(key);
      entry.uses.push({ assemblyNumber: assemblyNumber!, assemblyRevision: assemblyRevision!, revision: revision! });
    }
  }
  return found;
}
