import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InvalidImportOptionError } from '../../../src/import/ImportErrors.js';
import { bufferInput, openInput } from '../../../src/import/ImportInput.js';
import { TopFileError } from '../../../src/import/step/StepArchive.js';
import { readStep, type StepOptions } from '../../../src/import/step/StepAdapter.js';
import { UnsafeArchiveError } from '../../../src/import/ZipArchive.js';
import { S1, s1Entries } from '../helpers/stepArchives.js';
import { renameEntry, zipBytes } from '../helpers/zip.js';
import { ImportStore, rejection } from '../helpers/ImportStore.js';

const STEP = join('test', 'fixtures', 'import', 'step');

const AS1 = readFileSync(join(STEP, 'as1-oc-214.stp'));

/** Start of an AppleDouble file, the binary `._NAME` that macOS zip tools add next to a file with extended attributes. */
const APPLE_DOUBLE = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00, ...Buffer.from('Mac OS X        ', 'latin1')]);

/** Returns S1 with its top file at the top level and the other files in `parts/`, as a zip tool may regroup them. */
function s1Regrouped(leaveOut: string[] = []): Record<string, Buffer> {
  const { 'parts/s1-c5-214.stp': top, ...components } = s1Entries('parts/', leaveOut);
  return { 's1-c5-214.stp': top!, ...components };
}

/** Reads a zip as the import endpoint passes an upload to the adapter. */
async function readZip(entries: Record<string, string | Buffer>, options: StepOptions = {}): ReturnType<typeof readStep> {
  return readStep(bufferInput('s1.zip', await zipBytes(entries), 'urn:x-dt:upload:fcc:s1.zip'), options);
}

describe('STEP zip archive', () => {
  const readable: [name: string, entries: () => Record<string, string | Buffer>, options: StepOptions, warnings: string[]][] = [
    ['S1 at the top level', () => s1Entries(), {}, []],
    ['S1 in a folder', () => s1Entries('s1-c5-214/'), {}, []],
    ['S1 with macOS metadata', () => ({ ...s1Entries(), '__MACOSX/._s1-c5-214.stp': 'Mac OS X resource fork' }), {}, []],
    ['S1 with AppleDouble files', () => ({ ...s1Entries(), '._FOOT.stp': APPLE_DOUBLE, '._s1-c5-214.stp': APPLE_DOUBLE, '.DS_Store': APPLE_DOUBLE }), {}, []],
    ['S1 in a folder with AppleDouble files', () => ({ ...s1Entries('s1-c5-214/'), 's1-c5-214/._FOOT.stp': APPLE_DOUBLE, 's1-c5-214/.DS_Store': APPLE_DOUBLE }), {}, []],
    [
      'top given by name',
      () => ({ ...s1Entries('s1-c5-214/'), 'as1-oc-214.stp': AS1 }),
      { top: 's1-c5-214.stp' },
      ['s1.zip contains a STEP file that the assembly of s1-c5-214/s1-c5-214.stp does not use, so the import left it out: as1-oc-214.stp. Import another assembly with its own top file.'],
    ],
    ['top given by path', () => ({ ...s1Entries('s1-c5-214/') }), { top: 's1-c5-214/s1-c5-214.stp' }, []],
  ];
  for (const [name, entries, options, warnings] of readable) {
    it(`reads ${name}`, async () => {
      const batch = await readZip(entries(), options);
      assert.equal(batch.parts.length, 13);
      assert.equal(batch.bomLines.length, 12);
      assert.equal(batch.source.uri, 'urn:x-dt:upload:fcc:s1.zip');
      assert.equal(batch.source.name, 's1-c5-214.stp');
      assert.deepEqual(
        batch.issues.map((issue) => issue.message),
        warnings,
      );
    });
  }

  it('gives the source ids of the folder', async () => {
    const fromZip = await readZip(s1Entries('s1-c5-214/'));
    const fromFolder = await readStep(openInput(join(S1, 's1-c5-214.stp')));
    assert.deepEqual(fromZip.parts.map((part) => part.sourceId).sort(), fromFolder.parts.map((part) => part.sourceId).sort());
    assert.deepEqual(
      fromZip.bomLines.map((line) => `${line.parent} ${line.child} ${line.quantity}`).sort(),
      fromFolder.bomLines.map((line) => `${line.parent} ${line.child} ${line.quantity}`).sort(),
    );
    assert.ok(fromZip.parts.some((part) => part.sourceId === 'TAIL.stp:TAIL_TURBINE/-'));
  });

  const lacking = ['s1.zip contains 3 STEP files that no other file in it refers to, so the top file of the assembly is unclear: TAIL_MIDDLE_PART.stp, TAIL_TURBINE.stp, s1-c5-214.stp.'];
  const rejected: [name: string, entries: () => Record<string, string | Buffer>, options: StepOptions, error: typeof TopFileError | typeof UnsafeArchiveError | typeof InvalidImportOptionError, message: string][] = [
    [
      'two top files',
      () => ({ ...s1Entries(), 'as1-oc-214.stp': AS1 }),
      {},
      TopFileError,
      's1.zip contains 2 STEP files that no other file in it refers to, so the top file of the assembly is unclear: s1-c5-214.stp, as1-oc-214.stp. ' +
        'Name the top file with top=NAME (--top NAME on the command line), such as top=s1-c5-214.stp, or leave out the files that are not part of the assembly.',
    ],
    [
      'a missing sub-assembly',
      () => s1Entries('', ['TAIL.stp']),
      {},
      TopFileError,
      `${lacking[0]} The archive lacks files that others refer to, which leaves their components without a parent: s1-c5-214.stp refers to TAIL.stp. ` +
        'Name the top file with top=NAME (--top NAME on the command line), such as top=s1-c5-214.stp, or add the missing files, or leave out the files that are not part of the assembly.',
    ],
    [
      'components in another folder',
      () => s1Regrouped(),
      {},
      TopFileError,
      's1.zip contains 5 STEP files that no other file in it refers to, so the top file of the assembly is unclear: s1-c5-214.stp, parts/FOOT.stp, parts/HEAD.stp, parts/MAINBODY.stp, parts/TAIL.stp. ' +
        'Files lie in another folder than the references to them name, and references resolve relative to the folder of the file that contains them: ' +
        's1-c5-214.stp refers to TAIL.stp (found at parts/TAIL.stp), s1-c5-214.stp refers to HEAD.stp (found at parts/HEAD.stp), s1-c5-214.stp refers to MAINBODY.stp (found at parts/MAINBODY.stp), ' +
        's1-c5-214.stp refers to FOOT.stp (found at parts/FOOT.stp). Keep the folder layout that the CAD system exported, or put each file next to the file that refers to it.',
    ],
    [
      'components in another folder and a missing one',
      () => s1Regrouped(['TAIL.stp']),
      {},
      TopFileError,
      's1.zip contains 6 STEP files that no other file in it refers to, so the top file of the assembly is unclear: s1-c5-214.stp, parts/FOOT.stp, parts/HEAD.stp, parts/MAINBODY.stp, parts/TAIL_MIDDLE_PART.stp and 1 more. ' +
        'Files lie in another folder than the references to them name, and references resolve relative to the folder of the file that contains them: ' +
        's1-c5-214.stp refers to HEAD.stp (found at parts/HEAD.stp), s1-c5-214.stp refers to MAINBODY.stp (found at parts/MAINBODY.stp), s1-c5-214.stp refers to FOOT.stp (found at parts/FOOT.stp). ' +
        'The archive lacks files that others refer to, which leaves their components without a parent: s1-c5-214.stp refers to TAIL.stp. ' +
        'Keep the folder layout that the CAD system exported, or put each file next to the file that refers to it, and add the missing files.',
    ],
    [
      'no STEP file',
      () => ({ 'bom.csv': 'Part Number,Title\nC-2,Bracket\n', 'notes/readme.txt': 'S1 drawings\n' }),
      {},
      TopFileError,
      's1.zip contains no STEP file (.stp, .step or .p21): it contains bom.csv, notes/readme.txt. Zip the STEP files of the assembly, top file included, or import the other files in their own formats.',
    ],
    [
      'a top file not in it',
      () => s1Entries(),
      { top: 'S1-C5-214.STP' },
      TopFileError,
      'The top file S1-C5-214.STP was not found in s1.zip (did you mean s1-c5-214.stp? Only the letter case differs, and names in the archive are case-sensitive); ' +
        'give one of its STEP files: FOOT.stp, FOOT_BACK_000.stp, FOOT_FRONT_000.stp, HEAD.stp, HEAD_BACK.stp and 8 more.',
    ],
    ['more entries than the limit', () => s1Entries(), { archiveLimits: { maxEntries: 5 } }, UnsafeArchiveError, 's1.zip: archive has 13 entries, more than the limit of 5'],
    [
      'an entry over the size limit',
      () => s1Entries(),
      { archiveLimits: { maxEntryBytes: 100_000 } },
      UnsafeArchiveError,
      's1.zip: entry MAINBODY_BACK.stp has 115322 bytes uncompressed, more than the limit of 100000',
    ],
    ['entries over the total limit', () => s1Entries(), { archiveLimits: { maxTotalBytes: 400_000 } }, UnsafeArchiveError, 's1.zip: entries have more than 400000 bytes uncompressed together'],
  ];
  for (const [name, entries, options, error, message] of rejected) {
    it(`rejects ${name}`, async () => {
      await assert.rejects(readZip(entries(), options), (thrown: Error) => {
        assert.ok(thrown instanceof error, `${thrown.name}: ${thrown.message}`);
        assert.equal(thrown.message, message);
        return true;
      });
    });
  }

  it('reads entry names with backslashes', async () => {
    // Some Windows zip tools separate folders with backslashes, against the zip specification.
    let bytes = await zipBytes(s1Entries('s1-c5-214/'));
    for (const name of Object.keys(s1Entries('s1-c5-214/'))) {
      bytes = renameEntry(bytes, name, name.replace('/', '\\'));
    }
    assert.ok(bytes.toString('latin1').includes('s1-c5-214\\FOOT.stp'));
    const batch = await readStep(bufferInput('s1.zip', bytes));
    assert.equal(batch.parts.length, 13);
    assert.equal(batch.bomLines.length, 12);
    assert.deepEqual(batch.issues, []);
    assert.ok(batch.parts.some((part) => part.sourceId === 'TAIL.stp:TAIL_TURBINE/-'));
  });

  const unsafe: [name: string, from: string, to: string, message: string][] = [
    ['an entry outside the archive', 'xx/FOOT.stp', '../FOOT.stp', 's1.zip: invalid entry: invalid relative path: ../FOOT.stp'],
    ['a backslash entry outside the archive', 'xx/evil.stp', '..\\evil.stp', 's1.zip: invalid entry: invalid relative path: ../evil.stp'],
    ['a backslash entry in a folder outside', 'xx/yy/evil.stp', 'xx\\..\\..\\e.stp', 's1.zip: invalid entry: invalid relative path: xx/../../e.stp'],
    ['an absolute backslash entry', 'xx/evil.stp', 'C:\\evil.stp', 's1.zip: invalid entry: absolute path: C:/evil.stp'],
  ];
  for (const [name, from, to, message] of unsafe) {
    it(`rejects ${name}`, async () => {
      const bytes = renameEntry(await zipBytes({ ...s1Entries('xx/'), [from]: AS1 }), from, to);
      await assert.rejects(readStep(bufferInput('s1.zip', bytes)), (thrown: Error) => {
        assert.ok(thrown instanceof UnsafeArchiveError, thrown.message);
        assert.equal(thrown.message, message);
        return true;
      });
    });
  }

  it('names components in another folder', async () => {
    const batch = await readZip(s1Regrouped(), { top: 's1-c5-214.stp' });
    const errors = batch.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message);
    assert.equal(errors.length, 4);
    assert.equal(
      errors[0],
      'The external file TAIL.stp, referenced from s1-c5-214.stp for part TAIL, was not found in s1.zip, but the archive has a file of that name at parts/TAIL.stp ' +
        '(references resolve relative to the folder of the file that contains them), so keep the folder layout that the CAD system exported, ' +
        'or put TAIL.stp next to s1-c5-214.stp in the archive, or export the assembly as one STEP file.',
    );
    const unused = batch.issues.filter((issue) => issue.severity === 'warning').map((issue) => issue.message);
    assert.equal(unused.length, 1);
    assert.doesNotMatch(unused[0]!, /parts\/(TAIL|HEAD|MAINBODY|FOOT)\.stp/);
  });

  it('warns no unused file for a letter case error', async () => {
    const entries = s1Entries('', ['HEAD_BACK.stp']);
    entries['head_back.stp'] = readFileSync(join(S1, 'HEAD_BACK.stp'));
    const batch = await readZip(entries);
    assert.deepEqual(
      batch.issues.map((issue) => `${issue.severity}: ${issue.message}`),
      [
        'error: The external file HEAD_BACK.stp, referenced from HEAD.stp for part HEAD_BACK, was not found in s1.zip ' +
          '(did you mean head_back.stp? Only the letter case differs, and names in the archive are case-sensitive, as file names on the server are), ' +
          'so rename head_back.stp to HEAD_BACK.stp in the archive, or export the assembly as one STEP file.',
      ],
    );
  });

  it('rejects top for one STEP file', async () => {
    await assert.rejects(readStep(openInput(join(STEP, 'as1-oc-214.stp')), { top: 'as1-oc-214.stp' }), {
      name: 'InvalidImportOptionError',
      message: 'invalid import option top: as1-oc-214.stp names the top file in a zip archive of STEP files, but as1-oc-214.stp is a single STEP file; leave the option out',
    });
  });
});

describe('STEP zip archive import', () => {
  let store: ImportStore;
  before(async () => {
    store = await ImportStore.open();
  });
  after(() => store.close());

  const missing: [name: string, entries: () => Record<string, Buffer>, error: string][] = [
    [
      'missing component',
      () => s1Entries('', ['TAIL_TURBINE.stp']),
      'TAIL.stp line 97 (#37): The external file TAIL_TURBINE.stp, referenced from TAIL.stp for part TAIL_TURBINE, was not found in s1.zip, ' +
        'so add it to the archive next to TAIL.stp, or export the assembly as one STEP file.',
    ],
    [
      'missing component in a folder',
      () => s1Entries('s1/', ['TAIL_TURBINE.stp']),
      'TAIL.stp line 97 (#37): The external file TAIL_TURBINE.stp, referenced from TAIL.stp for part TAIL_TURBINE, was not found in s1/ in s1.zip, ' +
        'so add it to the archive next to TAIL.stp, or export the assembly as one STEP file.',
    ],
    [
      'component in another letter case',
      () => {
        const entries = s1Entries('', ['HEAD_BACK.stp']);
        entries['head_back.stp'] = readFileSync(join(S1, 'HEAD_BACK.stp'));
        return entries;
      },
      'HEAD.stp line 87 (#77): The external file HEAD_BACK.stp, referenced from HEAD.stp for part HEAD_BACK, was not found in s1.zip ' +
        '(did you mean head_back.stp? Only the letter case differs, and names in the archive are case-sensitive, as file names on the server are), ' +
        'so rename head_back.stp to HEAD_BACK.stp in the archive, or export the assembly as one STEP file.',
    ],
  ];
  for (const [name, entries, error] of missing) {
    it(`names the ${name}`, async () => {
      const input = bufferInput('s1.zip', await zipBytes(entries()));
      assert.deepEqual(await rejection(store.import('step', input)), [error]);
    });
  }

  it('updates the resources of a folder import', async () => {
    const fromFolder = await store.import('step', join(S1, 's1-c5-214.stp'), { source: 's1-shared' });
    assert.deepEqual(fromFolder.counts.parts, { created: 13, updated: 0, unchanged: 0, removed: 0 });
    assert.deepEqual(fromFolder.counts.bomLines, { created: 12, updated: 0, unchanged: 0, removed: 0 });
    const versions = await store.versions();

    // The import endpoint passes an upload with this URI and name.
    const upload = bufferInput('s1-c5-214.zip', await zipBytes(s1Entries('s1-c5-214/')), 'urn:x-dt:upload:fcc:s1-c5-214.zip');
    const fromZip = await store.import('step', upload, { source: 's1-shared', removeMissing: true });
    assert.deepEqual(fromZip.counts.parts, { created: 0, updated: 0, unchanged: 13, removed: 0 });
    assert.deepEqual(fromZip.counts.bomLines, { created: 0, updated: 0, unchanged: 12, removed: 0 });
    assert.equal(fromZip.sequence, undefined);
    assert.deepEqual(await store.changedResources(versions), []);
  });

  it('is the source of its top file', async () => {
    const own = await ImportStore.open();
    try {
      const fromFolder = await own.import('step', join(S1, 's1-c5-214.stp'));
      assert.equal(fromFolder.source.iri, 'urn:digital-thread:import-source:s1-c5-214.stp');
      assert.deepEqual(fromFolder.counts.parts, { created: 13, updated: 0, unchanged: 0, removed: 0 });
      const versions = await own.versions();

      const upload = bufferInput('upload.zip', await zipBytes(s1Entries('s1-c5-214/')), 'urn:x-dt:upload:fcc:upload.zip');
      const fromZip = await own.import('step', upload, { removeMissing: true });
      assert.equal(fromZip.source.iri, 'urn:digital-thread:import-source:s1-c5-214.stp');
      assert.deepEqual(fromZip.counts.parts, { created: 0, updated: 0, unchanged: 13, removed: 0 });
      assert.deepEqual(fromZip.counts.bomLines, { created: 0, updated: 0, unchanged: 12, removed: 0 });
      assert.deepEqual(await own.changedResources(versions), []);

      const named = await own.import('step', upload, { source: 'assembly.zip', dryRun: true });
      assert.equal(named.source.iri, 'urn:digital-thread:import-source:assembly.zip');
    } finally {
      await own.close();
    }
  });
});
