import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildCompliancePackage, isValidReleaseName } from '../certification/package/CompliancePackage.js';
import { NO_CLEARANCE_FILTER, type PackageManifest } from '../certification/package/PackageManifest.js';
import { verifyCompliancePackage } from '../certification/package/PackageVerifier.js';
import { getLogger } from '../logging/Logger.js';
import { recordCommand } from '../audit/CommandAudit.js';
import { openEvidence, parseEvidenceArgs, providerIri } from './EvidenceStore.js';
import { readFilter } from './TraceCommand.js';
import { UsageError } from './UsageError.js';

const logger = getLogger('PackageCommand');

const HELP = `Usage: digital-thread package --standard NAME --provider ID --release NAME [options]
       digital-thread package verify FILE

The first form assembles the compliance package of a release as a zip: manifest.json and
manifest.ttl (every artifact with its version and SHA-256, every file with its SHA-256), the
traceability matrix, gap report and objective compliance summary as CSV, XLSX and PDF, and the RDF
of every resource involved. The same data gives a byte-identical zip. The zip is named
PROVIDER-STANDARD-RELEASE.zip, with -clearance-NAME added for a clearance below ITAR. An existing
zip of that name is kept: the same bytes again succeed, different bytes fail unless --force is given.
Stop the server first.

  --standard NAME     DO-178C, DO-254 or ECSS (required)
  --provider ID       service provider, for example fcc (required)
  --release NAME      release name: letters, digits, dots, hyphens, underscores (required)
  --level LETTER      only requirements and items of this level (A to E)
  --baseline DATE     the state as of an ISO 8601 date or date-time
  --clearance NAME    export-control clearance of the recipient: none (unmarked resources only),
                      EAR99, EAR or ITAR (everything); resources marked above it are left out of
                      every file, and a warning and the manifest say how many were withheld.
                      Default: not applied, and a warning names the marked resources.
  --data DIR          data directory (env DT_DATA, default ./data)
  --out DIR           folder for the zip (env DT_RELEASES, default DATA/releases)
  --force             replace an existing zip of the same name that differs
  --encryption-key-file FILE
                      key of an encrypted data directory (env DT_ENCRYPTION_KEY_FILE, or the key in
                      DT_ENCRYPTION_KEY)

Each assembled package is recorded in the audit log as an export.

The second form checks every file of a package against its manifest and names each file that
differs; it exits with 0 when the package is intact and 1 otherwise.`;

export async function runPackage(args: string[]): Promise<number> {
  if (args[0] === 'verify') {
    return runVerify(args.slice(1));
  }
  const values = parseEvidenceArgs('package', args, { release: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' } }, HELP);
  if (values === undefined) {
    return 0;
  }
  for (const option of ['standard', 'provider', 'release'] as const) {
    if (values[option] === undefined) {
      throw new UsageError(`--${option} is required.\n\n${HELP}`);
    }
  }
  if (!isValidReleaseName(values.release!)) {
    throw new UsageError(`--release "${values.release}" is not a valid name; use letters, digits, dots, hyphens and underscores.`);
  }
  const filter = readFilter(values);
  const standard = filter.standard!;

  const opened = await openEvidence(values.data, values['encryption-key-file']);
  try {
    const provider = await providerIri(opened, values.provider!);
    const built = await buildCompliancePackage({
      store: opened.store,
      providerIri: provider,
      release: values.release!,
      filter: { ...filter, standard },
      catalogue: opened.catalogue,
    });
    const folder = resolve(values.out ?? process.env.DT_RELEASES ?? join(opened.dataDirectory, 'releases'));
    mkdirSync(folder, { recursive: true });
    const path = join(folder, built.fileName);
    const existing = existsSync(path) ? readFileSync(path) : undefined;
    if (existing !== undefined && !existing.equals(built.zip) && values.force === undefined) {
      process.stderr.write(
        `${path} already exists and differs from this package (other data, filters or clearance); it was left unchanged. Give --force to replace it, or choose another --release or --out.\n`,
      );
      return 1;
    }
    const summary = `${built.manifest.files.length} files, ${built.manifest.artifacts.length} artifacts, ${built.report.counts.gaps} gaps`;
    if (existing !== undefined && existing.equals(built.zip)) {
      process.stdout.write(`${path}: unchanged, the existing zip has the same bytes (${summary})\n`);
    } else {
      // Writing beside the target and renaming keeps a reader from ever seeing half a zip.
      writeFileSync(`${path}.partial`, built.zip);
      renameSync(`${path}.partial`, path);
      logger.info(existing === undefined ? 'Wrote a compliance package' : 'Replaced a compliance package', { path, files: built.manifest.files.length, gaps: built.report.counts.gaps });
      process.stdout.write(`${path}: ${summary}${existing === undefined ? '' : ', replaced the previous zip'}\n`);
    }
    await recordCommand(opened.dataDirectory, {
      action: 'export',
      command: 'digital-thread package',
      resource: provider,
      detail: `Compliance package ${path} for release ${values.release}, export-control clearance ${built.manifest.exportControl.clearance}.`,
      bytesOut: built.zip.length,
    });
    warnOfMarkedResources(built.manifest);
    warnOfWithheldResources(built.manifest);
    return 0;
  } finally {
    await opened.store.close();
  }
}

/** Warns on standard error when a package built without --clearance contains export-controlled resources. */
function warnOfMarkedResources(manifest: PackageManifest): void {
  const { clearance, markedResources } = manifest.exportControl;
  const marked = Object.entries(markedResources).filter(([, count]) => count > 0);
  if (clearance !== NO_CLEARANCE_FILTER || marked.length === 0) {
    return;
  }
  const list = marked.map(([regime, count]) => `${count} ${regime}`).join(', ');
  process.stderr.write(`Warning: the package contains export-controlled resources (${list}); give --clearance with the recipient's clearance to leave out what they may not receive.\n`);
}

/** Warns on standard error when the clearance withheld resources in scope, so the package is incomplete. */
function warnOfWithheldResources(manifest: PackageManifest): void {
  if (manifest.exportControl.withheldResources > 0) {
    process.stderr.write(`Warning: ${manifest.exportControl.completeness} The manifest records this.\n`);
  }
}

async function runVerify(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] === '--help') {
    throw new UsageError(`package verify takes one FILE.\n\n${HELP}`);
  }
  const file = args[0]!;
  let zip: Buffer;
  try {
    zip = readFileSync(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  const problems = await verifyCompliancePackage(zip);
  if (problems.length === 0) {
    process.stdout.write(`${file}: every file matches its manifest\n`);
    return 0;
  }
  for (const problem of problems) {
    process.stdout.write(`${problem.file}: ${problem.message}\n`);
  }
  process.stdout.write(`${file}: ${problems.length} difference${problems.length === 1 ? '' : 's'} from the manifest\n`);
  return 1;
}
