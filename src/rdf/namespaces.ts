/**
 * Namespace IRIs and prefixes used across the provider.
 *
 * The standard vocabularies come first; `dt` is this project's own vocabulary, which defines only the
 * terms that OSLC, Dublin Core, PROV-O and QUDT lack (see vocab/).
 */
export const PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  dcterms: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  ldp: 'http://www.w3.org/ns/ldp#',
  prov: 'http://www.w3.org/ns/prov#',
  sh: 'http://www.w3.org/ns/shacl#',
  qudt: 'http://qudt.org/schema/qudt/',
  unit: 'http://qudt.org/vocab/unit/',
  oslc: 'http://open-services.net/ns/core#',
  oslc_am: 'http://open-services.net/ns/am#',
  oslc_cm: 'http://open-services.net/ns/cm#',
  oslc_rm: 'http://open-services.net/ns/rm#',
  oslc_qm: 'http://open-services.net/ns/qm#',
  oslc_plm: 'http://open-services.net/ns/plm#',
  oslc_config: 'http://open-services.net/ns/config#',
  trs: 'http://open-services.net/ns/core/trs#',
  jfs: 'http://jazz.net/xmlns/prod/jazz/jfs/1.0/',
  jd: 'http://jazz.net/xmlns/prod/jazz/discovery/1.0/',
  dt: 'https://w3id.org/digital-thread/ns#',
  do178c: 'https://w3id.org/digital-thread/objectives/do-178c#',
} as const;

export type Prefix = keyof typeof PREFIXES;

/** Returns a function that appends a local name to the namespace IRI. */
function namespace<P extends Prefix>(prefix: P): (local: string) => string {
  const base = PREFIXES[prefix];
  return (local: string) => base + local;
}

export const RDF = namespace('rdf');
export const RDFS = namespace('rdfs');
export const XSD = namespace('xsd');
export const DCTERMS = namespace('dcterms');
export const FOAF = namespace('foaf');
export const LDP = namespace('ldp');
export const OSLC = namespace('oslc');
export const OSLC_CM = namespace('oslc_cm');
export const OSLC_RM = namespace('oslc_rm');
export const OSLC_QM = namespace('oslc_qm');
export const OSLC_PLM = namespace('oslc_plm');
export const PROV = namespace('prov');
export const SH = namespace('sh');
export const DT = namespace('dt');

export const RDF_TYPE = RDF('type');
export const XSD_STRING = XSD('string');

/** Returns the prefixed name (`dcterms:title`) of an IRI, or the IRI in angle brackets if no prefix fits. */
export function compactIri(iri: string, prefixes: Record<string, string> = PREFIXES): string {
  let best: string | undefined;
  let bestLength = 0;
  for (const [prefix, base] of Object.entries(prefixes)) {
    if (iri.startsWith(base) && base.length > bestLength) {
      const local = iri.slice(base.length);
      if (/^[A-Za-z_][\w.-]*$/.test(local) && !local.endsWith('.')) {
        best = `${prefix}:${local}`;
        bestLength = base.length;
      }
    }
  }
  return best ?? `<${iri}>`;
}

/** Expands a prefixed name (`oslc_cm:ChangeRequest`) to an IRI, or returns undefined for an unknown prefix. */
export function expandPrefixedName(name: string, prefixes: Record<string, string> = PREFIXES): string | undefined {
  const colon = name.indexOf(':');
  if (colon < 0) {
    return undefined;
  }
  const base = prefixes[name.slice(0, colon)];
  return base === undefined ? undefined : base + name.slice(colon + 1);
}
