import { createHash } from 'node:crypto';
import type { Clearance, ExportMarking } from '../ExportClearance.js';
import type { ArtifactSummary } from '../TraceabilityReport.js';

/** A file of the package with its digest. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** The export-control facts of a package. */
export interface ManifestExportControl {
  /** The clearance the package was limited to. */
  clearance: Clearance | typeof NO_CLEARANCE_FILTER;
  /** How many packaged resources carry each marking. */
  markedResources: Record<Exclude<Clearance, 'none'>, number>;
  /** Resources in the package's scope that the clearance withheld, and the items among them; with any, the package is incomplete. */
  withheldResources: number;
  withheldItems: number;
  /** "Nothing was withheld." or the INCOMPLETE statement that the reports show too. */
  completeness: string;
  /** Highest marking of the packaged resources, which the package inherits; absent when none is marked. */
  marking?: ExportMarking;
}

/** The manifest of a compliance package, written as manifest.json and manifest.ttl. */
export interface PackageManifest {
  /** IRI that names the package: the provider's IRI, /releases/, and the release name. */
  package: string;
  release: string;
  provider: string;
  standard: string;
  level?: string;
  baseline?: string;
  /** Latest creation, modification, run or review time among the packaged resources. */
  dataAsOf?: string;
  counts: Record<string, unknown>;
  artifacts: Array<Pick<ArtifactSummary, 'iri' | 'identifier' | 'title' | 'kind' | 'version' | 'sha256' | 'reviews'> & { file: string }>;
  exportControl: ManifestExportControl;
  files: ManifestFile[];
}

/** Manifest value of a package built without a clearance: nothing was withheld for export control. */
export const NO_CLEARANCE_FILTER = 'not applied';

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_TURTLE = 'manifest.ttl';
/** Folder of the package that contains the RDF of each resource, one N-Triples file per resource. */
export const RESOURCE_FOLDER = 'resources/';

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Returns the title both manifests give the package. */
export function packageTitle(manifest: Pick<PackageManifest, 'release' | 'standard'>): string {
  return `Compliance package ${manifest.release}, ${manifest.standard}`;
}

/**
 * Returns why a parsed manifest.json lacks the structure the verifier reads, or undefined when it has
 * it, so that a damaged manifest is reported instead of crashing the check.
 */
export function manifestStructureProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return 'manifest.json is not a JSON object';
  }
  const manifest = value as Partial<Record<keyof PackageManifest, unknown>>;
  for (const field of ['package', 'release', 'provider', 'standard'] as const) {
    if (typeof manifest[field] !== 'string') {
      return `manifest.json has no text field "${field}"`;
    }
  }
  for (const field of ['files', 'artifacts'] as const) {
    if (!Array.isArray(manifest[field])) {
      return `manifest.json has no list "${field}"`;
    }
  }
  if (typeof manifest.exportControl !== 'object' || manifest.exportControl === null) {
    return 'manifest.json has no exportControl section, so the clearance of the package is unknown';
  }
  return undefined;
}
