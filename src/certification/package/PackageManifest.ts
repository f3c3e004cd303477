import { createHash } from 'node:crypto';
import { DataFactory, Parser, Writer } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DCTERMS, DT, RDF_TYPE } from '../../rdf/namespaces.js';
import type { Clearance } from '../ExportClearance.js';
import type { ArtifactSummary } from '../TraceabilityReport.js';

const { namedNode, literal, blankNode, quad } = DataFactory;

/** A file of the package with its digest. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
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
  counts: Record<string, unknown>;
  artifacts: Array<Pick<ArtifactSummary, 'iri' | 'identifier' | 'title' | 'kind' | 'version' | 'sha256' | 'reviews'> & { file: string }>;
  /** The clearance the package was limited to, and how many packaged resources carry each marking. */
  exportControl: { clearance: Clearance | typeof NO_CLEARANCE_FILTER; markedResources: Record<Exclude<Clearance, 'none'>, number> };
  files: ManifestFile[];
}

/** Manifest value of a package built without a clearance: nothing was withheld for export control. */
export const NO_CLEARANCE_FILTER = 'not applied';

export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_TURTLE = 'manifest.ttl';
/** Folder of the package that holds the RDF of each resource, one N-Triples file per resource. */
export const RESOURCE_FOLDER = 'resources/';

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Writes the manifest as Turtle: the package with its release and clearance, files and artifacts, each with its SHA-256. */
export function manifestTurtle(manifest: PackageManifest): Promise<string> {
  const subject = namedNode(manifest.package);
  const quads: Quad[] = [
    quad(subject, namedNode(RDF_TYPE), namedNode(DT('CompliancePackage'))),
    quad(subject, namedNode(DT('release')), literal(manifest.release)),
    quad(subject, namedNode(DCTERMS('title')), literal(`Compliance package ${manifest.release}, ${manifest.standard}`)),
    quad(subject, namedNode(DCTERMS('subject')), namedNode(manifest.provider)),
    quad(subject, namedNode(DT('exportClearance')), literal(manifest.exportControl.clearance)),
  ];
  manifest.files.forEach((file, position) => {
    const node = blankNode(`file${position + 1}`);
    quads.push(quad(subject, namedNode(DT('packagedFile')), node), quad(node, namedNode(DCTERMS('identifier')), literal(file.path)), quad(node, namedNode(DT('sha256')), literal(file.sha256)));
  });
  for (const artifact of manifest.artifacts) {
    const node = namedNode(artifact.iri);
    quads.push(quad(subject, namedNode(DT('packagedArtifact')), node), quad(node, namedNode(DT('version')), literal(artifact.version)));
    if (artifact.sha256 !== undefined) {
      quads.push(quad(node, namedNode(DT('sha256')), literal(artifact.sha256)));
    }
  }
  const writer = new Writer({ prefixes: { dt: DT(''), dcterms: DCTERMS('') } });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, text) => (error ? reject(error) : resolve(text))));
}

/** Reads the file digests back from manifest.ttl: path → SHA-256. */
export function filesOfManifestTurtle(turtle: string): Map<string, string> {
  const quads = new Parser().parse(turtle);
  const files = new Map<string, string>();
  for (const link of quads.filter((candidate) => candidate.predicate.value === DT('packagedFile'))) {
    const path = quads.find((candidate) => candidate.subject.equals(link.object) && candidate.predicate.value === DCTERMS('identifier'))?.object.value;
    const digest = quads.find((candidate) => candidate.subject.equals(link.object) && candidate.predicate.value === DT('sha256'))?.object.value;
    if (path !== undefined && digest !== undefined) {
      files.set(path, digest);
    }
  }
  return files;
}

/** Reads the clearance the package states in manifest.ttl, or undefined when it states none. */
export function clearanceOfManifestTurtle(turtle: string): string | undefined {
  return new Parser().parse(turtle).find((candidate) => candidate.predicate.value === DT('exportClearance'))?.object.value;
}
