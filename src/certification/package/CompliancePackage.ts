import type { TripleStore } from '../../store/TripleStore.js';
import { STANDARDS } from '../Certification.js';
import type { ObjectiveCatalogue } from '../ObjectiveCatalogue.js';
import { toCsv } from '../render/CsvReport.js';
import { writePdf } from '../render/PdfReport.js';
import { gapTable, matrixTable, objectiveTable } from '../render/ReportTables.js';
import { writeXlsx } from '../render/XlsxReport.js';
import { ALLOW_ALL, type ReportScope } from '../ReportScope.js';
import { readEvidenceSnapshot } from '../EvidenceSnapshot.js';
import { clearanceScope, countMarked, intersectScopes, readMarkings } from '../ExportClearance.js';
import { analyseEvidence } from '../TraceabilityAnalysis.js';
import type { AnalysisFilter, StandardFilter, TraceabilityReport } from './PackageTypes.js';
import { writeZip, type ZipEntry } from '../render/DeterministicZip.js';
import { stableNTriples } from './StableNTriples.js';
import { MANIFEST_JSON, MANIFEST_TURTLE, manifestTurtle, NO_CLEARANCE_FILTER, RESOURCE_FOLDER, sha256Hex, type PackageManifest } from './PackageManifest.js';

export interface PackageRequest {
  store: TripleStore;
  providerIri: string;
  release: string;
  filter: AnalysisFilter & StandardFilter;
  catalogue: ObjectiveCatalogue;
  scope?: ReportScope;
}

export interface CompliancePackage {
  /** Suggested file name: provider, standard and release, for example fcc-DO-178C-R1.0.zip. */
  fileName: string;
  zip: Buffer;
  manifest: PackageManifest;
  report: TraceabilityReport;
}

/** Release names become file names, so they are limited to safe characters. */
const RELEASE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isValidReleaseName(release: string): boolean {
  return RELEASE_NAME.test(release);
}

/**
 * Assembles the compliance package of one release for one standard. It contains the traceability
 * matrix, gap report and objective compliance summary as CSV, one XLSX workbook and one PDF, and the
 * RDF of every resource involved (sorted N-Triples). A manifest in JSON and Turtle lists every
 * artifact with its version and SHA-256 and every file with its SHA-256. The zip has fixed timestamps
 * and sorted entries, so the same data and request give the same bytes. Resources that the scope or
 * the filter's export-control clearance hides are left out of every file. The manifest records the
 * clearance and counts the marked resources in the package.
 */
export async function buildCompliancePackage(request: PackageRequest): Promise<CompliancePackage> {
  if (!isValidReleaseName(request.release)) {
    throw new RangeError(`Invalid release name "${request.release}"; use letters, digits, dots, hyphens and underscores, starting with a letter or digit.`);
  }
  const [snapshot, markings] = await Promise.all([readEvidenceSnapshot(request.store, request.providerIri), readMarkings(request.store)]);
  let scope = request.scope ?? ALLOW_ALL;
  if (request.filter.clearance !== undefined) {
    scope = intersectScopes(scope, clearanceScope(markings, request.filter.clearance));
  }
  const report = analyseEvidence(snapshot, request.catalogue, request.filter, scope);

  const files: ZipEntry[] = [
    { name: 'reports/traceability-matrix.csv', data: Buffer.from(toCsv(matrixTable(report))) },
    { name: 'reports/gap-report.csv', data: Buffer.from(toCsv(gapTable(report))) },
    { name: 'reports/objective-compliance.csv', data: Buffer.from(toCsv(objectiveTable(report))) },
    { name: 'reports/traceability-report.xlsx', data: await writeXlsx(report) },
    { name: 'reports/traceability-report.pdf', data: await writePdf(report) },
  ];
  const resourceFiles = new Map<string, string>();
  for (const iri of involvedResources(report)) {
    if (!scope.visible(iri)) {
      continue;
    }
    const stored = await request.store.readQuads(iri);
    if (stored === undefined) {
      continue;
    }
    // A visible resource may link to a hidden one; the link would reveal the hidden IRI.
    const quads = stored.filter((triple) => triple.object.termType !== 'NamedNode' || scope.visible(triple.object.value));
    const name = `${RESOURCE_FOLDER}${resourcePath(request.providerIri, iri)}.nt`;
    resourceFiles.set(iri, name);
    files.push({ name, data: Buffer.from(stableNTriples(quads)) });
  }
  files.sort((a, b) => compareCodeUnits(a.name, b.name));

  const standard = STANDARDS[request.filter.standard].label;
  const manifest: PackageManifest = {
    package: `${request.providerIri}/releases/${request.release}`,
    release: request.release,
    provider: request.providerIri,
    standard,
    counts: report.counts,
    artifacts: report.artifacts.map((artifact) => ({
      iri: artifact.iri,
      identifier: artifact.identifier,
      title: artifact.title,
      kind: artifact.kind,
      version: artifact.version,
      ...(artifact.sha256 === undefined ? {} : { sha256: artifact.sha256 }),
      reviews: artifact.reviews,
      file: resourceFiles.get(artifact.iri) ?? '',
    })),
    exportControl: { clearance: request.filter.clearance ?? NO_CLEARANCE_FILTER, markedResources: countMarked(markings, resourceFiles.keys()) },
    files: files.map((file) => ({ path: file.name, sha256: sha256Hex(file.data), bytes: file.data.length })),
  };
  if (request.filter.level !== undefined) {
    manifest.level = request.filter.level;
  }
  if (request.filter.baseline !== undefined) {
    manifest.baseline = request.filter.baseline;
  }
  const entries: ZipEntry[] = [
    { name: MANIFEST_JSON, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: MANIFEST_TURTLE, data: Buffer.from(await manifestTurtle(manifest)) },
    ...files,
  ];
  const provider = request.providerIri.split('/').pop() ?? 'provider';
  return { fileName: `${provider}-${standard}-${request.release}.zip`, zip: await writeZip(entries), manifest, report };
}

/** Collects every resource the report mentions: requirements and their chains, items, artifacts and their reviews. */
function involvedResources(report: TraceabilityReport): string[] {
  const iris = new Set<string>();
  for (const row of report.requirements) {
    iris.add(row.iri);
    for (const ref of [...row.items, ...row.design, ...row.code, ...row.parts, ...row.testCases]) {
      iris.add(ref.iri);
    }
    for (const testCase of row.testCases) {
      if (testCase.latest !== undefined) {
        iris.add(testCase.latest.iri);
      }
    }
  }
  for (const item of report.items) {
    iris.add(item.iri);
  }
  for (const artifact of report.artifacts) {
    iris.add(artifact.iri);
    for (const review of artifact.reviews) {
      iris.add(review);
    }
  }
  for (const gap of report.gaps) {
    iris.add(gap.subject.iri);
  }
  return [...iris].sort();
}

/** Orders strings by UTF-16 code units, the same on every machine and locale. */
function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** Returns the path of a resource below its provider (requirements/REQ-000001), or a digest for IRIs elsewhere. */
function resourcePath(providerIri: string, iri: string): string {
  const prefix = `${providerIri}/`;
  return iri.startsWith(prefix) && /^[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/.test(iri.slice(prefix.length)) ? iri.slice(prefix.length) : `other/${sha256Hex(iri).slice(0, 16)}`;
}

