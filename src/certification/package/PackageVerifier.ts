import { Parser } from 'n3';
import { DT } from '../../rdf/namespaces.js';
import { readZip } from '../render/DeterministicZip.js';
import { CLEARANCES, levelOfRegime, regimeName } from '../ExportClearance.js';
import { clearanceOfManifestTurtle, filesOfManifestTurtle, MANIFEST_JSON, MANIFEST_TURTLE, NO_CLEARANCE_FILTER, RESOURCE_FOLDER, sha256Hex, type PackageManifest } from './PackageManifest.js';

/** One difference between a package and its manifest. */
export interface PackageProblem {
  /** The file at fault, as named in the zip. */
  file: string;
  message: string;
}

/**
 * Checks a compliance package. Every file the manifest lists must be present with the listed SHA-256,
 * and every file must be listed. manifest.ttl must list the same digests and clearance as
 * manifest.json, each artifact's version and SHA-256 in the manifest must match its RDF in the
 * package, and no resource may be marked above the stated clearance. Returns the problems found;
 * none means the package is intact.
 */
export async function verifyCompliancePackage(zip: Buffer): Promise<PackageProblem[]> {
  let entries;
  try {
    entries = await readZip(zip);
  } catch (error) {
    return [{ file: '(archive)', message: `The file is not a readable zip archive: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const contents = new Map(entries.map((entry) => [entry.name, entry.data]));
  const manifestData = contents.get(MANIFEST_JSON);
  if (manifestData === undefined) {
    return [{ file: MANIFEST_JSON, message: 'The package has no manifest.json.' }];
  }
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(manifestData.toString('utf8')) as PackageManifest;
  } catch (error) {
    return [{ file: MANIFEST_JSON, message: `manifest.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}` }];
  }

  const problems: PackageProblem[] = [];
  const listed = new Map(manifest.files.map((file) => [file.path, file]));
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

  problems.push(...compareTurtleManifest(contents.get(MANIFEST_TURTLE), listed, manifest));
  problems.push(...checkExportControl(contents, manifest));
  for (const artifact of manifest.artifacts) {
    const data = artifact.file === '' ? undefined : contents.get(artifact.file);
    if (data === undefined) {
      continue;
    }
    const quads = new Parser({ format: 'N-Triples' }).parse(data.toString('utf8'));
    const value = (predicate: string): string | undefined => quads.find((quad) => quad.subject.value === artifact.iri && quad.predicate.value === predicate)?.object.value;
    if (value(DT('version')) !== artifact.version) {
      problems.push({ file: artifact.file, message: `version of ${artifact.identifier} is ${value(DT('version')) ?? 'missing'}, the manifest lists ${artifact.version}` });
    }
    if (artifact.sha256 !== undefined && value(DT('sha256')) !== artifact.sha256) {
      problems.push({ file: artifact.file, message: `SHA-256 of ${artifact.identifier} is ${value(DT('sha256')) ?? 'missing'}, the manifest lists ${artifact.sha256}` });
    }
  }
  return problems;
}

/**
 * Reads the marking of every packaged resource from its RDF and checks it against the manifest: no
 * resource may be marked above the clearance the manifest states, and the counts per marking must match.
 */
function checkExportControl(contents: Map<string, Buffer>, manifest: PackageManifest): PackageProblem[] {
  if (manifest.exportControl === undefined) {
    return [{ file: MANIFEST_JSON, message: 'manifest.json has no exportControl section, so the clearance of the package is unknown' }];
  }
  const { clearance, markedResources } = manifest.exportControl;
  const allowed = clearance === NO_CLEARANCE_FILTER ? CLEARANCES.length : CLEARANCES.indexOf(clearance);
  const problems: PackageProblem[] = [];
  const counted = { EAR99: 0, EAR: 0, ITAR: 0 };
  for (const [name, data] of [...contents].filter(([candidate]) => candidate.startsWith(RESOURCE_FOLDER) && candidate.endsWith('.nt'))) {
    const level = markingOfNTriples(data.toString('utf8'));
    if (level === 0) {
      continue;
    }
    counted[regimeName(level)]++;
    if (level > allowed) {
      problems.push({ file: name, message: `marked ${regimeName(level)}, above the package's clearance ${clearance}` });
    }
  }
  for (const regime of Object.keys(counted) as Array<keyof typeof counted>) {
    if (counted[regime] !== markedResources[regime]) {
      problems.push({ file: MANIFEST_JSON, message: `lists ${markedResources[regime]} resources marked ${regime}, the package contains ${counted[regime]}` });
    }
  }
  return problems;
}

/** Returns the strictest dt:exportControl level that a named resource states in N-Triples, 0 when none does. */
function markingOfNTriples(ntriples: string): number {
  let level = 0;
  for (const quad of new Parser({ format: 'N-Triples' }).parse(ntriples)) {
    if (quad.subject.termType === 'NamedNode' && quad.predicate.value === DT('exportControl')) {
      level = Math.max(level, levelOfRegime(quad.object.value));
    }
  }
  return level;
}

function compareTurtleManifest(turtle: Buffer | undefined, listed: Map<string, { sha256: string }>, manifest: PackageManifest): PackageProblem[] {
  if (turtle === undefined) {
    return [{ file: MANIFEST_TURTLE, message: 'The package has no manifest.ttl.' }];
  }
  let files: Map<string, string>;
  try {
    files = filesOfManifestTurtle(turtle.toString('utf8'));
  } catch (error) {
    return [{ file: MANIFEST_TURTLE, message: `manifest.ttl is not valid Turtle: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const problems: PackageProblem[] = [];
  const clearance = clearanceOfManifestTurtle(turtle.toString('utf8'));
  if (clearance !== manifest.exportControl?.clearance) {
    problems.push({ file: MANIFEST_TURTLE, message: `states clearance ${clearance ?? 'none at all'}, manifest.json states ${manifest.exportControl?.clearance ?? 'none at all'}` });
  }
  for (const [path, file] of listed) {
    if (files.get(path) !== file.sha256) {
      problems.push({ file: MANIFEST_TURTLE, message: `lists ${files.get(path) ?? 'no digest'} for ${path}, manifest.json lists ${file.sha256}` });
    }
  }
  for (const path of files.keys()) {
    if (!listed.has(path)) {
      problems.push({ file: MANIFEST_TURTLE, message: `lists ${path}, which manifest.json does not` });
    }
  }
  return problems;
}
