import type { TripleStore } from '../../store/TripleStore.js';
import { STANDARDS } from '../Certification.js';
import { readEvidenceSnapshot } from '../EvidenceSnapshot.js';
import { CLEARANCES, countMarked, readExportData, type Clearance } from '../ExportClearance.js';
import { involvedResources } from '../InvolvedResources.js';
import type { ObjectiveCatalogue } from '../ObjectiveCatalogue.js';
import { reportCsv } from '../render/CsvReport.js';
import { writeZip, type ZipEntry } from '../render/DeterministicZip.js';
import { writePdf } from '../render/PdfReport.js';
import { withheldStatement } from '../render/ReportContext.js';
import { gapTable, matrixTable, objectiveTable } from '../render/ReportTables.js';
import { writeXlsx } from '../render/XlsxReport.js';
import { ALLOW_ALL, type ReportScope } from '../ReportScope.js';
import { analyseEvidence, scopeOfFilter } from '../TraceabilityAnalysis.js';
import { manifestTurtle } from './ManifestTurtle.js';
import { MANIFEST_JSON, MANIFEST_TURTLE, NO_CLEARANCE_FILTER, RESOURCE_FOLDER, sha256Hex, type PackageManifest } from './PackageManifest.js';
import type { AnalysisFilter, StandardFilter, TraceabilityReport } from './PackageTypes.js';
import { stableNTriples } from './StableNTriples.js';

export interface PackageRequest {
  store: TripleStore;
  providerIri: string;
  release: string;
  filter: AnalysisFilter & StandardFilter;
  catalogue: ObjectiveCatalogue;
  scope?: ReportScope;
}

export interface CompliancePackage {
  /**
   * Suggested file name: provider, standard and release, for example fcc-DO-178C-R1.0.zip, and the
   * clearance when it leaves something out (below ITAR), for example fcc-DO-178C-R1.0-clearance-EAR.zip.
   */
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
 * clearance, how many resources in scope it withheld, the highest marking of the packaged resources
 * (which the package inherits) and the number of packaged resources with each marking.
 */
export async function buildCompliancePackage(request: PackageRequest): Promise<CompliancePackage> {
  if (!isValidReleaseName(request.release)) {
    throw new RangeError(`Invalid release name "${request.release}"; use letters, digits, dots, hyphens and underscores, starting with a letter or digit.`);
  }
  const [snapshot, exportData] = await Promise.all([readEvidenceSnapshot(request.store, request.providerIri), readExportData(request.store)]);
  const scope = scopeOfFilter(exportData, request.filter, request.scope ?? ALLOW_ALL);
  const report = analyseEvidence(snapshot, request.catalogue, request.filter, scope, exportData);
  const context = { release: request.release };

  const files: ZipEntry[] = [
    { name: 'reports/traceability-matrix.csv', data: Buffer.from(reportCsv(report, matrixTable(report), context)) },
    { name: 'reports/gap-report.csv', data: Buffer.from(reportCsv(report, gapTable(report), context)) },
    { name: 'reports/objective-compliance.csv', data: Buffer.from(reportCsv(report, objectiveTable(report), context)) },
    { name: 'reports/traceability-report.xlsx', data: await writeXlsx(report, context) },
    { name: 'reports/traceability-report.pdf', data: await writePdf(report, context) },
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
    exportControl: {
      clearance: request.filter.clearance ?? NO_CLEARANCE_FILTER,
      markedResources: countMarked(exportData.markings, resourceFiles.keys()),
      withheldResources: report.withheld.resources,
      withheldItems: report.withheld.items,
      completeness: withheldStatement(report) ?? 'Nothing was withheld.',
      ...(report.exportControl === undefined ? {} : { marking: report.exportControl }),
    },
    files: files.map((file) => ({ path: file.name, sha256: sha256Hex(file.data), bytes: file.data.length })),
  };
  if (request.filter.level !== undefined) {
    manifest.level = request.filter.level;
  }
  if (request.filter.baseline !== undefined) {
    manifest.baseline = request.filter.baseline;
  }
  if (report.dataAsOf !== undefined) {
    manifest.dataAsOf = report.dataAsOf;
  }
  const entries: ZipEntry[] = [
    { name: MANIFEST_JSON, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: MANIFEST_TURTLE, data: Buffer.from(await manifestTurtle(manifest)) },
    ...files,
  ];
  return { fileName: packageFileName(request.providerIri, standard, request.release, request.filter.clearance), zip: await writeZip(entries), manifest, report };
}

/**
 * Returns the file name of a package: provider, standard, release, and the clearance when it is below
 * the widest one, so that a package limited to a recipient's clearance never takes the name of the
 * full package.
 */
export function packageFileName(providerIri: string, standard: string, release: string, clearance: Clearance | undefined): string {
  const provider = providerIri.split('/').pop() ?? 'provider';
  const widest = CLEARANCES[CLEARANCES.length - 1];
  const suffix = clearance === undefined || clearance === widest ? '' : `-clearance-${clearance}`;
  return `${provider}-${standard}-${release}${suffix}.zip`;
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

