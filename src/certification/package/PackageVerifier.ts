import { Parser } from 'n3';
import type { Quad } from '@rdfjs/types';
import { DT, RDF_TYPE } from '../../rdf/namespaces.js';
import { readZip } from '../render/DeterministicZip.js';
import { CLEARANCES, levelOfRegime, regimeName } from '../ExportClearance.js';
import { statementsOfManifest, statementsOfManifestTurtle, type ManifestStatement } from './ManifestTurtle.js';
import { MANIFEST_JSON, MANIFEST_TURTLE, manifestStructureProblem, NO_CLEARANCE_FILTER, RESOURCE_FOLDER, sha256Hex, type PackageManifest } from './PackageManifest.js';

/** One difference between a package and its manifest. */
export interface PackageProblem {
  /** The file at fault, as named in the zip. */
  file: string;
  message: string;
}

/**
 * Checks a compliance package. Every file the manifest lists must be present with the listed SHA-256,
 * and every file must be listed. manifest.ttl must state the same facts as manifest.json wherever
 * both state one: package, release, filters, clearance, completeness, marking, every file's digest
 * and every artifact's identifier, version and SHA-256. Every resource file must be valid N-Triples,
 * every certification artifact among them must be in the manifest with the version and SHA-256 its
 * RDF states, and no resource may be marked above the stated clearance. Returns the problems found;
 * none means the package is intact.
 */
export async function verifyCompliancePackage(zip: Buffer): Promise<PackageProblem[]> {
  let entries;
  try {
    entries = await readZip(zip);
  } catch (error) {
    return [{ file: '(archive)', message: `The file is not a readable zip archive: ${messageOf(error)}` }];
  }
  const contents = new Map(entries.map((entry) => [entry.name, entry.data]));
  const manifestData = contents.get(MANIFEST_JSON);
  if (manifestData === undefined) {
    return [{ file: MANIFEST_JSON, message: 'The package has no manifest.json.' }];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestData.toString('utf8'));
  } catch (error) {
    return [{ file: MANIFEST_JSON, message: `manifest.json is not valid JSON: ${messageOf(error)}` }];
  }
  const structureProblem = manifestStructureProblem(parsed);
  if (structureProblem !== undefined) {
    return [{ file: MANIFEST_JSON, message: structureProblem }];
  }
  const manifest = parsed as PackageManifest;

  const problems: PackageProblem[] = [...checkFiles(contents, manifest), ...compareTurtleManifest(contents.get(MANIFEST_TURTLE), manifest)];
  const resources = new Map<string, Quad[]>();
  for (const [name, data] of contents) {
    if (!name.startsWith(RESOURCE_FOLDER)) {
      continue;
    }
    try {
      resources.set(name, new Parser({ format: 'N-Triples' }).parse(data.toString('utf8')));
    } catch (error) {
      problems.push({ file: name, message: `not valid RDF: the N-Triples parser reports "${messageOf(error)}"` });
    }
  }
  problems.push(...checkExportControl(resources, manifest), ...checkArtifacts(resources, manifest));
  return problems;
}

function checkFiles(contents: Map<string, Buffer>, manifest: PackageManifest): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const file of manifest.files) {
    const data = contents.get(file.path);
    if (data === undefined) {
      problems.push({ file: file.path, message: 'listed in the manifest but missing from the package' });
    } else if (sha256Hex(data) !== file.sha256) {
      problems.push({ file: file.path, message: `SHA-256 is ${sha256Hex(data)}, the manifest lists ${file.sha256}` });
    }
  }
  for (const name of contents.keys()) {
    if (name !== MANIFEST_JSON && name !== MANIFEST_TURTLE && !listed.has(name)) {
      problems.push({ file: name, message: 'in the package but not listed in the manifest' });
    }
  }
  return problems;
}

/** Compares every fact that both manifests state and names each one that differs or that only one of them states. */
function compareTurtleManifest(turtle: Buffer | undefined, manifest: PackageManifest): PackageProblem[] {
  if (turtle === undefined) {
    return [{ file: MANIFEST_TURTLE, message: 'The package has no manifest.ttl.' }];
  }
  let stated: Map<string, ManifestStatement>;
  try {
    stated = statementsOfManifestTurtle(turtle.toString('utf8'));
  } catch (error) {
    return [{ file: MANIFEST_TURTLE, message: `manifest.ttl is not valid: ${messageOf(error)}` }];
  }
  const expected = statementsOfManifest(manifest);
  const problems: PackageProblem[] = [];
  for (const key of [...new Set([...expected.keys(), ...stated.keys()])].sort()) {
    const json = expected.get(key);
    const ttl = stated.get(key);
    if (json?.value !== ttl?.value) {
      const label = json?.label ?? ttl!.label;
      problems.push({ file: MANIFEST_TURTLE, message: `${label}: manifest.ttl states ${ttl?.value ?? 'nothing'}, manifest.json states ${json?.value ?? 'nothing'}` });
    }
  }
  return problems;
}

/**
 * Reads the marking of every packaged resource from its RDF and checks it against the manifest: no
 * resource may be marked above the clearance the manifest states, and the counts per marking must match.
 */
function checkExportControl(resources: Map<string, Quad[]>, manifest: PackageManifest): PackageProblem[] {
  const { clearance, markedResources } = manifest.exportControl;
  const allowed = clearance === NO_CLEARANCE_FILTER ? CLEARANCES.length : CLEARANCES.indexOf(clearance);
  const problems: PackageProblem[] = [];
  const counted = { EAR99: 0, EAR: 0, ITAR: 0 };
  let highest = 0;
  for (const [name, quads] of resources) {
    const level = markingOf(quads);
    if (level === 0) {
      continue;
    }
    highest = Math.max(highest, level);
    counted[regimeName(level)]++;
    if (level > allowed) {
      problems.push({ file: name, message: `marked ${regimeName(level)}, above the package's clearance ${clearance}` });
    }
  }
  for (const regime of Object.keys(counted) as Array<keyof typeof counted>) {
    if (counted[regime] !== markedResources?.[regime]) {
      problems.push({ file: MANIFEST_JSON, message: `lists ${markedResources?.[regime] ?? 'no'} resources marked ${regime}, the package contains ${counted[regime]}` });
    }
  }
  const stated = manifest.exportControl.marking?.regime ?? 'none';
  const contained = highest === 0 ? 'none' : regimeName(highest);
  if (stated !== contained) {
    problems.push({ file: MANIFEST_JSON, message: `states the export-control marking ${stated}, but the highest marking of the packaged resources is ${contained}` });
  }
  return problems;
}

/** Checks that every packaged certification artifact is in the manifest, with the version and SHA-256 its RDF states. */
function checkArtifacts(resources: Map<string, Quad[]>, manifest: PackageManifest): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const listed = new Set(manifest.artifacts.map((artifact) => artifact.iri));
  for (const [name, quads] of resources) {
    for (const typed of quads.filter((candidate) => candidate.predicate.value === RDF_TYPE && candidate.object.value === DT('CertificationArtifact'))) {
      if (!listed.has(typed.subject.value)) {
        problems.push({ file: name, message: `contains the certification artifact ${typed.subject.value}, which the manifest does not list` });
      }
    }
  }
  for (const artifact of manifest.artifacts) {
    const quads = artifact.file === '' ? undefined : resources.get(artifact.file);
    if (quads === undefined) {
      continue;
    }
    const value = (predicate: string): string | undefined => quads.find((candidate) => candidate.subject.value === artifact.iri && candidate.predicate.value === predicate)?.object.value;
    if (value(DT('version')) !== artifact.version) {
      problems.push({ file: artifact.file, message: `version of ${artifact.identifier} is ${value(DT('version')) ?? 'missing'}, the manifest lists ${artifact.version}` });
    }
    if (artifact.sha256 !== undefined && value(DT('sha256')) !== artifact.sha256) {
      problems.push({ file: artifact.file, message: `SHA-256 of ${artifact.identifier} is ${value(DT('sha256')) ?? 'missing'}, the manifest lists ${artifact.sha256}` });
    }
  }
  return problems;
}

/** Returns the strictest dt:exportControl level that a named resource states, 0 when none does. */
function markingOf(quads: readonly Quad[]): number {
  let level = 0;
  for (const quad of quads) {
    if (quad.subject.termType === 'NamedNode' && quad.predicate.value === DT('exportControl')) {
      level = Math.max(level, levelOfRegime(quad.object.value));
    }
  }
  return level;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
