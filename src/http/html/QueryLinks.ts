import type { OslcUrls } from '../../oslc/OslcUrls.js';
import { compactIri } from '../../rdf/namespaces.js';

/** Selection that makes an OSLC query result page list members with identifier and title. */
const LISTING_SELECT = 'dcterms:identifier,dcterms:title';

/** URL of the query capability that lists a provider's resources of one type, sorted by identifier. */
export function listingQueryUrl(urls: OslcUrls, provider: string, segment: string): string {
  const parameters = new URLSearchParams({ 'oslc.select': LISTING_SELECT, 'oslc.orderBy': '+dcterms:identifier' });
  return `${urls.queryBase(provider, segment)}?${parameters.toString()}`;
}

/**
 * URL of the query capability that finds a provider's resources of one type linking to `target`
 * through `property` (`oslc.where=property=<target>`). A property outside the predefined prefixes is
 * declared with `oslc.prefix`.
 */
export function linkingQueryUrl(urls: OslcUrls, provider: string, segment: string, property: string, target: string): string {
  const parameters = new URLSearchParams();
  let name = compactIri(property);
  if (name.startsWith('<')) {
    const split = Math.max(property.lastIndexOf('#'), property.lastIndexOf('/')) + 1;
    parameters.set('oslc.prefix', `p=<${property.slice(0, split)}>`);
    name = `p:${property.slice(split)}`;
  }
  parameters.set('oslc.where', `${name}=<${target}>`);
  parameters.set('oslc.select', LISTING_SELECT);
  return `${urls.queryBase(provider, segment)}?${parameters.toString()}`;
}
