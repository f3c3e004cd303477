import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import type { ImportRequest } from '../../../src/import/ImportRunner.js';
import type { SyncReport } from '../../../src/import/SyncReport.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const REQIF = join('test', 'fixtures', 'import', 'reqif');
const STUDIO = join(REQIF, 'ReqIF_Studio', '01_anonimized_example', 'sample.reqif');
const POLARION = join(REQIF, 'Polarion', '01_anonimized_example', 'sample.reqif');
const DOORS = join(REQIF, 'Doors', '02_example_from_a_user', 'sample.reqif');
const CAPELLA = join(REQIF, 'Doors', '10_example_capella_requirements_vp', 'sample.reqif');

const directory = temporaryDirectory('dt-same-named-');
after(() => directory.remove());

/** Copies a corpus file into a folder of the test folder, as a user's export folder, and returns its path. */
function exported(folder: string, file: string): string {
  mkdirSync(join(directory.path, folder), { recursive: true });
  const path = join(directory.path, folder, 'sample.reqif');
  copyFileSync(file, path);
  return path;
}

/** Deletes the third requirement of the DOORS example (its SPEC-OBJECT and SPEC-HIERARCHY) from a copy, as a new export of the module without it. */
function dropThirdRequirement(path: string): void {
  const text = readFileSync(path, 'utf8');
  const without = text.replace(/<SPEC-OBJECT IDENTIFIER="_3_[^"]*"[\s\S]*?<\/SPEC-OBJECT>/, '').replace(/<SPEC-HIERARCHY IDENTIFIER="_c1e0e0d2[^"]*"[\s\S]*?<\/SPEC-HIERARCHY>/, '');
  assert.notEqual(without, text);
  writeFileSync(path, without);
}

const origin = (path: string): string => pathToFileURL(join(process.cwd(), path)).href;

const FIX = 'To keep the documents apart, import this file with --source NAME (source=NAME on the import endpoint), so that each document is its own source.';
const REMOVAL = '--remove-missing (removeMissing=true on the import endpoint)';

/** Returns the warning about what the source no longer has, or undefined. */
function missingWarning(report: SyncReport): string | undefined {
  return report.warnings.find((issue) => issue.message.startsWith('The source no longer has'))?.message;
}

/** Replaces the IRIs of requirements and collections in a message with <IRI>, so that expectations need not know the minted numbers. */
function withoutIris(message: string | undefined): string | undefined {
  return message?.replace(/<http:\/\/127\.0\.0\.1:8080\/oslc\/sp\/fcc\/[^>]+>/g, '<IRI>');
}

interface MissingCase {
  name: string;
  /** Files imported before, each with its default source name. */
  before: () => string[];
  /** The file imported last, and the options of that import. */
  last: () => string;
  request?: Partial<ImportRequest>;
  /** Runs between the earlier imports and the last one, such as a change to the file. */
  change?: () => void;
  /** The expected warning with IRIs replaced by <IRI> (withoutIris), or undefined for none. */
  expected: (files: { before: string[]; last: string }) => string | undefined;
}

const CASES: MissingCase[] = [
  {
    name: 'another folder and another tool',
    before: () => [STUDIO],
    last: () => DOORS,
    expected: ({ before }) =>
      'The source no longer has 137 requirements and 1 requirement collection that its earlier imports wrote last (requirement ...Anonymized... <IRI>, requirement ...Anonymized... <IRI>, requirement ...Anonymized... <IRI>, 135 more); they are kept. ' +
      `Source name sample.reqif was used before for another file, <${origin(before[0]!)}> (ReqIF Studio), whose imports created them, while this file is from DOORS, so these are likely different documents that share a file name. ` +
      `${FIX} Only if this file replaces the earlier file, use ${REMOVAL}.`,
  },
  {
    name: 'two earlier files of other tools',
    before: () => [STUDIO, POLARION],
    last: () => DOORS,
    expected: () =>
      'The source no longer has 238 requirements and 2 requirement collections that its earlier imports wrote last (requirement aaa <IRI>, requirement aaa <IRI>, requirement aaa <IRI>, 237 more); they are kept. ' +
      `Source name sample.reqif was used before for other files, <${origin(POLARION)}> (Polarion) and <${origin(STUDIO)}> (ReqIF Studio), whose imports created them, while this file is from DOORS, so these are likely different documents that share a file name. ` +
      `${FIX} Only if this file replaces the earlier files, use ${REMOVAL}.`,
  },
  {
    name: 'another folder and the same tool',
    before: () => [DOORS],
    last: () => CAPELLA,
    expected: () =>
      'The source no longer has 3 requirements and 1 requirement collection that its earlier imports wrote last (requirement 3 <IRI>, requirement 2 <IRI>, requirement 1 <IRI>, 1 more); they are kept. ' +
      `Source name sample.reqif was used before for another file, <${origin(DOORS)}>, whose imports created them, so these may be different documents that share a file name, or one document read from another folder. ` +
      `${FIX} Only if this file replaces the earlier file, use ${REMOVAL}.`,
  },
  {
    name: 'dry run',
    before: () => [STUDIO],
    last: () => DOORS,
    request: { dryRun: true },
    expected: () =>
      'The source no longer has 137 requirements and 1 requirement collection that its earlier imports wrote last (requirement ...Anonymized... <IRI>, requirement ...Anonymized... <IRI>, requirement ...Anonymized... <IRI>, 135 more); they would be kept. ' +
      `Source name sample.reqif was used before for another file, <${origin(STUDIO)}> (ReqIF Studio), whose imports created them, while this file is from DOORS, so these are likely different documents that share a file name. ` +
      `${FIX} Only if this file replaces the earlier file, use ${REMOVAL}.`,
  },
  {
    name: 'the same path again',
    before: () => [exported('same-path', DOORS)],
    last: () => join(directory.path, 'same-path', 'sample.reqif'),
    change: () => dropThirdRequirement(join(directory.path, 'same-path', 'sample.reqif')),
    expected: () => `The source no longer has 1 requirement that its earlier imports wrote last (requirement 3 <IRI>); it is kept. Import with ${REMOVAL} to remove it.`,
  },
  {
    name: 'the same path and another folder',
    before: () => [STUDIO, exported('mixed', DOORS)],
    last: () => join(directory.path, 'mixed', 'sample.reqif'),
    change: () => dropThirdRequirement(join(directory.path, 'mixed', 'sample.reqif')),
    expected: () =>
      'The source no longer has 138 requirements and 1 requirement collection that its earlier imports wrote last (requirement 3 <IRI>, requirement ...Anonymized... <IRI>, requirement ...Anonymized... <IRI>, 136 more); they are kept. ' +
      `Source name sample.reqif was used before for another file, <${origin(STUDIO)}> (ReqIF Studio), whose imports created 138 of them (requirement ...Anonymized..., requirement ...Anonymized..., requirement ...Anonymized... and 135 more), while this file is from DOORS, so these are likely different documents that share a file name. ` +
      `${FIX} The other 1 came from this file. Import with ${REMOVAL} to remove it. A removal run also removes the 138 that the earlier file created, so use one only if this file replaces the earlier file.`,
  },
  {
    name: 'a source name of its own',
    before: () => [STUDIO],
    last: () => DOORS,
    request: { source: 'doors-amr-standards' },
    expected: () => undefined,
  },
];

describe('import of files that share a file name', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  for (const test of CASES) {
    it(`warns for ${test.name}`, async () => {
      const before = test.before();
      for (const file of before) {
        await store.import('reqif', file);
      }
      test.change?.();

      const last = test.last();
      const report = await store.import('reqif', last, test.request ?? {});

      assert.equal(withoutIris(missingWarning(report)), test.expected({ before, last }));
    });
  }

  it("keeps the other file's requirements", async () => {
    await store.import('reqif', STUDIO);
    const requirements = await store.resources(`${NS.oslc_rm}Requirement`);

    const report = await store.import('reqif', DOORS);

    assert.deepEqual(report.counts.requirements, { created: 3, updated: 0, unchanged: 0, removed: 0 });
    const after = await store.resources(`${NS.oslc_rm}Requirement`);
    assert.equal(after.length, requirements.length + 3);
    assert.deepEqual(requirements.filter((iri) => !after.includes(iri)), []);
  });
});

describe('removal run of files that share a file name', () => {
  let store: ImportStore;
  beforeEach(async () => {
    store = await ImportStore.open();
  });
  afterEach(() => store.close());

  /** The warning of a removal run about resources that another file of the same name created, or undefined. */
  const sameNameWarning = (report: SyncReport): string | undefined => report.warnings.find((issue) => issue.message.startsWith('This removal run'))?.message;

  const studioWarning = (verb: string): string =>
    `This removal run ${verb} 138 resources that the source no longer has. ` +
    `Source name sample.reqif was used before for another file, <${origin(STUDIO)}> (ReqIF Studio), whose imports created them, while this file is from DOORS, so these are likely different documents that share a file name. ` +
    'Removing them is right only if this file replaces the earlier file. If the files are different documents, import each under a source name of its own with --source NAME (source=NAME on the import endpoint).';

  const removals: { name: string; request: Partial<ImportRequest>; removed: number; collectionsRemoved: number; warning: string | undefined }[] = [
    { name: 'dry run', request: { dryRun: true }, removed: 137, collectionsRemoved: 1, warning: studioWarning('would remove') },
    { name: 'run', request: {}, removed: 137, collectionsRemoved: 1, warning: studioWarning('removes') },
    // The user names the source that the earlier file used, which states that this file replaces it. The
    // earlier file came from another tool, so the run still warns, without calling the files same-named.
    {
      name: 'run with the source named',
      request: { source: 'sample.reqif' },
      removed: 137,
      collectionsRemoved: 1,
      warning:
        `This removal run removes 138 resources that imports of <${origin(STUDIO)}> (ReqIF Studio) created under source name sample.reqif, while this file is from DOORS. ` +
        'Removing them is right only if this file replaces that export. If it is another document, import it with --source NAME (source=NAME on the import endpoint).',
    },
    { name: 'run under a name of its own', request: { source: 'doors-amr-standards' }, removed: 0, collectionsRemoved: 0, warning: undefined },
  ];
  for (const removal of removals) {
    it(`of another tool's file as a ${removal.name}`, async () => {
      await store.import('reqif', STUDIO);
      await store.import('reqif', DOORS);
      const versions = await store.versions();

      const report = await store.import('reqif', DOORS, { ...removal.request, removeMissing: true });

      assert.equal(report.counts.requirements.removed, removal.removed);
      assert.equal(report.counts.requirementCollections.removed, removal.collectionsRemoved);
      assert.equal(sameNameWarning(report), removal.warning);
      if (removal.request.dryRun === true) {
        assert.deepEqual(await store.versions(), versions);
      }
    });
  }

  it('of the same path names no other file', async () => {
    const path = exported('removal', DOORS);
    await store.import('reqif', STUDIO, { source: 'studio-export' });
    const studio = await store.resources(`${NS.oslc_rm}Requirement`);
    await store.import('reqif', path);
    const third = (await store.requirementsBySourceId()).get('_3_a4285dbc-8259-4577-a093-ffd735084332');
    dropThirdRequirement(path);

    const report = await store.import('reqif', path, { removeMissing: true });

    assert.deepEqual(report.changes.filter((change) => change.action === 'remove').map((change) => change.iri), [third]);
    assert.equal(sameNameWarning(report), undefined);
    const remaining = await store.resources(`${NS.oslc_rm}Requirement`);
    assert.deepEqual(studio.filter((iri) => !remaining.includes(iri)), []);
  });
});
