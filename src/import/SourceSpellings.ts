import { OSLC } from '../rdf/namespaces.js';
import type { TripleStore } from '../store/TripleStore.js';
import type { ImportIssue } from './ImportModel.js';
import { PROVENANCE } from './Provenance.js';

/** Resources per source IRI (prov:wasDerivedFrom) in one service provider. */
export type StoredSources = ReadonlyMap<string, number>;

/** Reads the source IRIs that the resources of a provider name in prov:wasDerivedFrom, each with its number of resources. */
export async function readStoredSources(store: TripleStore, providerIri: string): Promise<StoredSources> {
  const sparql = `SELECT ?source (COUNT(DISTINCT ?g) AS ?resources) WHERE { GRAPH ?g { ?g <${OSLC('serviceProvider')}> <${providerIri}> ; <${PROVENANCE.wasDerivedFrom}> ?source } } GROUP BY ?source`;
  const result = await store.query(sparql);
  const sources = new Map<string, number>();
  if (result.type !== 'bindings') {
    return sources;
  }
  for (const row of result.rows) {
    const source = row.get('source');
    if (source?.termType === 'NamedNode') {
      sources.set(source.value, Number(row.get('resources')?.value ?? 0));
    }
  }
  return sources;
}

/** The source name an import runs under, and a warning when earlier imports split the source over several names. */
export interface SourceSpelling {
  name: string;
  warning?: ImportIssue;
}

/**
 * Chooses the name of a source that several spellings of a URL reach, such as a Windchill service root
 * typed with or without a trailing slash. `canonical` is the normalized spelling, `typed` the URL as the
 * user gave it, and `sameSource` returns whether a stored source IRI is a spelling of the same source.
 *
 * Earlier versions named such a source by the URL as typed, and prov:wasDerivedFrom and the import state
 * graph are keyed by that name. So a stored spelling wins over the canonical one, in this order: the
 * typed URL, the canonical URL, then the spelling with the most resources. A source stored under no
 * spelling gets the canonical name.
 */
export function chooseSourceSpelling(canonical: string, typed: string, stored: StoredSources, sameSource: (iri: string) => boolean): SourceSpelling {
  const spellings = [...stored].filter(([iri]) => sameSource(iri)).sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b));
  const storedNames = new Set(spellings.map(([iri]) => iri));
  const name = [typed, canonical].find((candidate) => storedNames.has(candidate)) ?? spellings[0]?.[0] ?? canonical;
  if (spellings.length < 2) {
    return { name };
  }

  const chosenFirst = [...spellings.filter(([iri]) => iri === name), ...spellings.filter(([iri]) => iri !== name)];
  const listed = chosenFirst.map(([iri, count]) => `${iri} (${resourceCount(count)})`);
  return {
    name,
    warning: {
      severity: 'warning',
      message:
        `Earlier imports stored this source under ${spellings.length} names: ${new Intl.ListFormat('en', { type: 'conjunction' }).format(listed)}. ` +
        `This import runs as ${name}, so it takes over the resources of the other names that it describes, and --remove-missing removes only what ${name} wrote.`,
    },
  };
}

function resourceCount(count: number): string {
  return count === 1 ? '1 resource' : `${count} resources`;
}
