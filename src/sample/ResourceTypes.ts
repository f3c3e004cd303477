import { DT, OSLC_CM, OSLC_PLM, OSLC_QM, OSLC_RM } from '../rdf/namespaces.js';

/**
 * The resource types of the sample programme, copied from the shapes in shapes/*.ttl: the shape file
 * name, `dt:pathSegment`, `dt:identifierPrefix` and the classes of `oslc:describes`. A test checks
 * this table against the shape files.
 */
export interface ResourceType {
  shape: string;
  pathSegment: string;
  identifierPrefix: string;
  classes: readonly string[];
}

export const RESOURCE_TYPES = {
  Part: { shape: 'Part', pathSegment: 'parts', identifierPrefix: 'P', classes: [OSLC_PLM('Part')] },
  BomLine: { shape: 'BomLine', pathSegment: 'bom-lines', identifierPrefix: 'BL', classes: [OSLC_PLM('PartUsage')] },
  Requirement: {
    shape: 'Requirement',
    pathSegment: 'requirements',
    identifierPrefix: 'REQ',
    classes: [OSLC_RM('Requirement')],
  },
  TestCase: { shape: 'TestCase', pathSegment: 'test-cases', identifierPrefix: 'TC', classes: [OSLC_QM('TestCase')] },
  TestResult: {
    shape: 'TestResult',
    pathSegment: 'test-results',
    identifierPrefix: 'TR',
    classes: [OSLC_QM('TestResult')],
  },
  NonConformanceReport: {
    shape: 'NonConformanceReport',
    pathSegment: 'ncrs',
    identifierPrefix: 'NCR',
    classes: [DT('NonConformanceReport'), OSLC_CM('ChangeRequest')],
  },
  TelemetrySummary: {
    shape: 'TelemetrySummary',
    pathSegment: 'telemetry-summaries',
    identifierPrefix: 'TS',
    classes: [DT('TelemetrySummary')],
  },
  CertificationArtifact: {
    shape: 'CertificationArtifact',
    pathSegment: 'certification-artifacts',
    identifierPrefix: 'CA',
    classes: [DT('CertificationArtifact')],
  },
  Review: { shape: 'Review', pathSegment: 'reviews', identifierPrefix: 'RV', classes: [DT('Review')] },
} as const satisfies Record<string, ResourceType>;

export type ResourceTypeName = keyof typeof RESOURCE_TYPES;

export const RESOURCE_TYPE_NAMES = Object.keys(RESOURCE_TYPES) as ResourceTypeName[];

/** Service provider of a programme, relative to the server base: `oslc/sp/fcc`. */
export function serviceProviderPath(provider: string): string {
  return `oslc/sp/${provider}`;
}

export function shapePath(type: ResourceTypeName): string {
  return `oslc/shapes/${RESOURCE_TYPES[type].shape}`;
}

/** Formats the identifier the server would mint: prefix, hyphen, six-digit number (NCR-000042). */
export function formatIdentifier(type: ResourceTypeName, sequence: number): string {
  return `${RESOURCE_TYPES[type].identifierPrefix}-${String(sequence).padStart(6, '0')}`;
}

/** Returns the resource's IRI relative to the server base, for example `oslc/sp/eha/bom-lines/BL-000017`. */
export function resourcePath(provider: string, type: ResourceTypeName, identifier: string): string {
  return `${serviceProviderPath(provider)}/${RESOURCE_TYPES[type].pathSegment}/${identifier}`;
}

/** Hands out identifiers per resource type, numbered from 1, for one service provider. */
export class IdentifierSequence {
  private readonly next = new Map<ResourceTypeName, number>();

  constructor(readonly provider: string) {}

  /** Reserves the next identifier of `type` and returns it with the resource's IRI. */
  allocate(type: ResourceTypeName): { identifier: string; iri: string } {
    const sequence = this.next.get(type) ?? 1;
    this.next.set(type, sequence + 1);
    const identifier = formatIdentifier(type, sequence);
    return { identifier, iri: resourcePath(this.provider, type, identifier) };
  }
}
