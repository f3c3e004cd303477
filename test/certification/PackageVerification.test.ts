import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildCompliancePackage, type CompliancePackage } from '../../src/certification/package/CompliancePackage.js';
import { MANIFEST_JSON, MANIFEST_TURTLE, type PackageManifest } from '../../src/certification/package/PackageManifest.js';
import { verifyCompliancePackage } from '../../src/certification/package/PackageVerifier.js';
import { readZip, writeZip, type ZipEntry } from '../../src/certification/render/DeterministicZip.js';
import { catalogue, openSampleStore, providerIri, type SampleStore } from './CertificationFixture.js';

const FCC = providerIri('fcc');
const STALE_ARTIFACT = `${FCC}/certification-artifacts/CA-000011`;

/** Replaces text in one entry of the package and returns the new zip. */
async function edit(zip: Buffer, name: string, change: (text: string) => string): Promise<Buffer> {
  const entries = (await readZip(zip)).map((entry): ZipEntry => (entry.name === name ? { name, data: Buffer.from(change(entry.data.toString('utf8'))) } : entry));
  return writeZip(entries);
}

/** Returns the text after replacing `pattern`, failing when it does not occur, so a case cannot pass by editing nothing. */
function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  assert.match(text, pattern);
  return text.replace(pattern, replacement);
}

describe('package verification of manifest.ttl and resource files', () => {
  let sample: SampleStore;
  let built: CompliancePackage;
  let manifest: PackageManifest;

  before(async () => {
    sample = await openSampleStore();
    built = await buildCompliancePackage({ store: sample.store, providerIri: FCC, release: 'R1.0', filter: { standard: 'DO178C' }, catalogue });
    manifest = built.manifest;
  });
  after(() => sample.close());

  it('intact package passes', async () => {
    assert.deepEqual(await verifyCompliancePackage(built.zip), []);
  });

  it('manifest.ttl tampering names the differing entry', async () => {
    const stale = manifest.artifacts.find((artifact) => artifact.iri === STALE_ARTIFACT)!;
    const gapReport = manifest.files.find((file) => file.path === 'reports/gap-report.csv')!;
    const artifactBlock = /(dcterms:identifier "CA-000011";\s+dt:version ")2\.9(";\s+dt:sha256 ")[0-9a-f]{64}/;
    const cases: Array<{ name: string; change: (text: string) => string; messages: string[] }> = [
      {
        name: 'artifact SHA-256',
        change: (text) => replaceOnce(text, artifactBlock, `$1${'2.9'}$2${'f'.repeat(64)}`),
        messages: [`SHA-256 of artifact CA-000011: manifest.ttl states ${'f'.repeat(64)}, manifest.json states ${stale.sha256}`],
      },
      {
        name: 'artifact version',
        change: (text) => replaceOnce(text, artifactBlock, `$1${'3.0'}$2${stale.sha256}`),
        messages: ['version of artifact CA-000011: manifest.ttl states 3.0, manifest.json states 2.9'],
      },
      {
        name: 'file digest',
        change: (text) => replaceOnce(text, new RegExp(`(reports/gap-report\\.csv";\\s+dt:sha256 ")${gapReport.sha256}`), `$1${'0'.repeat(64)}`),
        messages: [`SHA-256 of reports/gap-report.csv: manifest.ttl states ${'0'.repeat(64)}, manifest.json states ${gapReport.sha256}`],
      },
      {
        name: 'release',
        change: (text) => replaceOnce(text, /dt:release "R1\.0"/, 'dt:release "R2.0"'),
        messages: ['release: manifest.ttl states R2.0, manifest.json states R1.0'],
      },
      {
        name: 'standard',
        change: (text) => replaceOnce(text, /dt:standard dt:DO178C/, 'dt:standard dt:DO254'),
        messages: ['standard: manifest.ttl states DO-254, manifest.json states DO-178C'],
      },
      {
        name: 'withheld count',
        change: (text) => replaceOnce(text, /dt:withheldResourceCount 0/, 'dt:withheldResourceCount 5'),
        messages: ['withheld resources: manifest.ttl states 5, manifest.json states 0'],
      },
      {
        name: 'added level',
        change: (text) => replaceOnce(text, /dt:standard dt:DO178C;/, 'dt:standard dt:DO178C; dt:assuranceLevel dt:LevelA;'),
        messages: ['level: manifest.ttl states A, manifest.json states nothing'],
      },
      {
        name: 'dropped artifact',
        change: (text) => replaceOnce(text, new RegExp(`<${STALE_ARTIFACT}> dcterms:identifier "CA-000011";\\s+dt:version "2\\.9";\\s+dt:sha256 "[0-9a-f]{64}"\\.\\n`), ''),
        messages: [
          `SHA-256 of artifact CA-000011: manifest.ttl states nothing, manifest.json states ${stale.sha256}`,
          `identifier of artifact ${STALE_ARTIFACT}: manifest.ttl states ${STALE_ARTIFACT}, manifest.json states CA-000011`,
          'version of artifact CA-000011: manifest.ttl states nothing, manifest.json states 2.9',
        ],
      },
    ];
    for (const { name, change, messages } of cases) {
      const problems = await verifyCompliancePackage(await edit(built.zip, MANIFEST_TURTLE, change));
      assert.deepEqual(problems.map((problem) => problem.file), messages.map(() => MANIFEST_TURTLE), name);
      assert.deepEqual(problems.map((problem) => problem.message).sort(), [...messages].sort(), name);
    }
  });

  it('non-RDF resource file is named', async () => {
    const name = 'resources/requirements/REQ-000011.nt';
    const problems = await verifyCompliancePackage(await edit(built.zip, name, () => 'This requirement was retyped by hand.\n'));
    assert.deepEqual(problems.map((problem) => problem.file), [name, name]);
    assert.match(problems[0]!.message, /^SHA-256 is [0-9a-f]{64}, the manifest lists [0-9a-f]{64}$/);
    assert.match(problems[1]!.message, /^not valid RDF: the N-Triples parser reports ".+"$/);
  });

  it('every packaged artifact is in the manifest', async () => {
    const entries = await readZip(built.zip);
    const artifactFiles = entries.filter((entry) => entry.name.startsWith('resources/certification-artifacts/')).map((entry) => entry.name);
    assert.deepEqual(manifest.artifacts.map((artifact) => artifact.file).sort(), [...artifactFiles].sort());
    // The DO-254 design and code of the I/O sequencer CPLD appear in the DO-178C matrix, so the package contains them.
    for (const identifier of ['CA-000084', 'CA-000085']) {
      const artifact = manifest.artifacts.find((candidate) => candidate.identifier === identifier)!;
      assert.equal(artifact.file, `resources/certification-artifacts/${identifier}.nt`, identifier);
      assert.match(artifact.sha256 ?? '', /^[0-9a-f]{64}$/, identifier);
    }
    assert.equal(manifest.artifacts.find((artifact) => artifact.identifier === 'CA-000084')!.version, '4.0');
    assert.equal(manifest.artifacts.find((artifact) => artifact.identifier === 'CA-000085')!.version, '3.7');
  });

  it('artifact missing from both manifests is named', async () => {
    const dropped = `${FCC}/certification-artifacts/CA-000085`;
    const withoutArtifact = await edit(built.zip, MANIFEST_JSON, (text) => {
      const parsed = JSON.parse(text) as PackageManifest;
      parsed.artifacts = parsed.artifacts.filter((artifact) => artifact.iri !== dropped);
      return JSON.stringify(parsed, null, 2);
    });
    const zip = await edit(withoutArtifact, MANIFEST_TURTLE, (text) =>
      replaceOnce(replaceOnce(text, new RegExp(`<[^>]+> dt:packagedArtifact <${dropped}>\\.\\n`), ''), new RegExp(`<${dropped}> dcterms:identifier "CA-000085";\\s+dt:version "3\\.7";\\s+dt:sha256 "[0-9a-f]{64}"\\.\\n`), ''),
    );
    assert.deepEqual(await verifyCompliancePackage(zip), [
      { file: 'resources/certification-artifacts/CA-000085.nt', message: `contains the certification artifact ${dropped}, which the manifest does not list` },
    ]);
  });

  it('damaged manifest.json is reported', async () => {
    const cases: Array<[string, string]> = [
      ['[]', 'manifest.json has no text field "package"'],
      [JSON.stringify({ ...manifest, files: 'none' }), 'manifest.json has no list "files"'],
      [JSON.stringify({ ...manifest, exportControl: undefined }), 'manifest.json has no exportControl section, so the clearance of the package is unknown'],
    ];
    for (const [text, message] of cases) {
      assert.deepEqual(await verifyCompliancePackage(await edit(built.zip, MANIFEST_JSON, () => text)), [{ file: MANIFEST_JSON, message }], message);
    }
  });
});
