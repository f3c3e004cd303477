import { PREFIXES } from '../../rdf/namespaces.js';

/** Titles of the OSLC services, one per domain a shape names with `dt:serviceDomain`. */
export const DOMAIN_TITLES: Record<string, string> = {
  [PREFIXES.oslc_plm]: 'Product Lifecycle Management',
  [PREFIXES.oslc_cm]: 'Change Management',
  [PREFIXES.oslc_rm]: 'Requirements Management',
  [PREFIXES.oslc_qm]: 'Quality Management',
  [PREFIXES.oslc_am]: 'Architecture Management',
  [PREFIXES.dt]: 'Digital Thread',
};

/** Size hints for delegated dialogs (OSLC Core 3.0 Delegated Dialogs: CSS lengths). */
export const DIALOG_HINTS = { width: '760px', height: '540px' } as const;
