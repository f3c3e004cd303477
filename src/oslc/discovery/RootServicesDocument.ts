import type { OslcUrls } from '../OslcUrls.js';
import { CATALOG_TITLE } from './CatalogDocument.js';

/** OSLC 1.0 namespaces that Jazz root services documents use for their provider links. */
const JAZZ_SERVICE_PROVIDER_LINKS: [prefix: string, namespace: string, local: string][] = [
  ['oslc_cm', 'http://open-services.net/xmlns/cm/1.0/', 'cmServiceProviders'],
  ['oslc_rm', 'http://open-services.net/xmlns/rm/1.0/', 'rmServiceProviders'],
  ['oslc_qm', 'http://open-services.net/xmlns/qm/1.0/', 'qmServiceProviders'],
  ['oslc_am', 'http://open-services.net/ns/am#', 'amServiceProviders'],
];

/**
 * Writes the Jazz root services document in RDF/XML, the discovery entry point of IBM ELM and of
 * OSLC 2.0 clients: one `*ServiceProviders` link per domain and a `jd:oslcCatalogs` entry, all
 * pointing at the single catalog. It is written by hand because Jazz clients expect this nested
 * layout; it is a fixed document whose only variable parts are escaped URLs.
 */
export function rootServicesXml(urls: OslcUrls, domains: readonly string[]): string {
  const about = escapeXml(urls.rootServices);
  const catalog = escapeXml(urls.catalog);
  const links = JAZZ_SERVICE_PROVIDER_LINKS.map(([prefix, , local]) => `  <${prefix}:${local} rdf:resource="${catalog}"/>`).join('\n');
  const namespaces = JAZZ_SERVICE_PROVIDER_LINKS.map(([prefix, namespace]) => `\n    xmlns:${prefix}="${namespace}"`).join('');
  const catalogDomains = domains.map((domain) => `        <oslc:domain rdf:resource="${escapeXml(domain)}"/>`).join('\n');

  return `<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:dcterms="http://purl.org/dc/terms/"
    xmlns:oslc="http://open-services.net/ns/core#"
    xmlns:jd="http://jazz.net/xmlns/prod/jazz/discovery/1.0/"${namespaces}>
<rdf:Description rdf:about="${about}">
  <dcterms:title>${escapeXml(CATALOG_TITLE)}</dcterms:title>
${links}
  <jd:oslcCatalogs>
    <oslc:ServiceProviderCatalog rdf:about="${catalog}">
${catalogDomains}
    </oslc:ServiceProviderCatalog>
  </jd:oslcCatalogs>
</rdf:Description>
</rdf:RDF>
`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
