import assert from 'node:assert/strict';
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openInput } from '../../../src/import/ImportInput.js';
import { readStep } from '../../../src/import/step/StepAdapter.js';
import { temporaryDirectory } from '../../helpers/temporaryDirectory.js';
import { bomLevels, compareLines, ImportStore, NS, rejection, type StoredBomLine } from '../helpers/ImportStore.js';

const STEP = join('test', 'fixtures', 'import', 'step');

/** The mini programme's own BOM of provider fcc, which every expected BOM below also contains. */
const MINI_BOM: StoredBomLine[] = [
  ['FCC-300-000', 'FCC-310-100', 3],
  ['FCC-300-000', 'NAS1352-08-6', 12],
];

const AS1_BOM: StoredBomLine[] = [
  ['as1', 'l-bracket-assembly', 2],
  ['as1', 'plate', 1],
  ['as1', 'rod-assembly', 1],
  ['l-bracket-assembly', 'l-bracket', 1],
  ['l-bracket-assembly', 'nut-bolt-assembly', 3],
  ['nut-bolt-assembly', 'bolt', 1],
  ['nut-bolt-assembly', 'nut', 1],
  ['rod-assembly', 'nut', 2],
  ['rod-assembly', 'rod', 1],
];

/** Product ids of the Pro/ENGINEER AP203 export of AS1, by the id Open CASCADE's AP214 export gives the same part. */
const AP203_NAMES: Record<string, string> = {
  AS1_PE_ASM: 'as1',
  L_BRACKET_ASSEMBLY_ASM: 'l-bracket-assembly',
  NUT_BOLT_ASSEMBLY_ASM: 'nut-bolt-assembly',
  ROD_ASM: 'rod-assembly',
  'L-BRACKET': 'l-bracket',
  PLATE: 'plate',
  BOLT: 'bolt',
  NUT: 'nut',
  ROD: 'rod',
};

interface StepCase {
  file: string;
  system: RegExp;
  parts: number;
  bom: StoredBomLine[];
  levels: number;
}

/** Expected parts and BOM lines, counted from the PRODUCT_DEFINITION and NEXT_ASSEMBLY_USAGE_OCCURRENCE instances of each file. */
const CASES: StepCase[] = [
  { file: 'as1-oc-214.stp', system: /^STEP AP214, Open CASCADE 6\.1$/, parts: 9, bom: AS1_BOM, levels: 4 },
  {
    file: 'as1_pe_203.stp',
    system: /^STEP AP203, PRO\/ENGINEER/,
    parts: 9,
    bom: AS1_BOM.map(([assembly, child, quantity]): StoredBomLine => [Object.keys(AP203_NAMES).find((key) => AP203_NAMES[key] === assembly)!, Object.keys(AP203_NAMES).find((key) => AP203_NAMES[key] === child)!, quantity]),
    levels: 4,
  },
  {
    file: 'dm1-id-214.stp',
    system: /^STEP AP214/,
    // dm1, l-bracket, bolt, nut and the material specifications AMS 4928, AMS 5613 and AMS 5662.
    parts: 7,
    bom: [
      ['dm1', 'bolt', 3],
      ['dm1', 'l-bracket', 1],
      ['dm1', 'nut', 3],
    ],
    levels: 2,
  },
  {
    file: join('s1-c5-214', 's1-c5-214.stp'),
    system: /^STEP AP214, CATIA V5/,
    parts: 13,
    bom: [
      ['*MASTER', 'FOOT', 2],
      ['*MASTER', 'HEAD', 1],
      ['*MASTER', 'MAINBODY', 1],
      ['*MASTER', 'TAIL', 1],
      ['FOOT', 'FOOT_BACK_000', 1],
      ['FOOT', 'FOOT_FRONT_000', 1],
      ['HEAD', 'HEAD_BACK', 1],
      ['HEAD', 'HEAD_FRONT', 1],
      ['MAINBODY', 'MAINBODY_BACK', 1],
      ['MAINBODY', 'MAINBODY_FRONT', 1],
      ['TAIL', 'TAIL_MIDDLE_PART', 1],
      ['TAIL', 'TAIL_TURBINE', 2],
    ],
    levels: 3,
  },
];

describe('STEP corpus import', () => {
  for (const expected of CASES) {
    describe(expected.file, () => {
      let store: ImportStore;
      before(async () => {
        store = await ImportStore.open();
      });
      after(() => store.close());

      it('creates every part and BOM line', async () => {
        const report = await store.import('step', join(STEP, expected.file));
        assert.match(report.source.system, expected.system);
        assert.deepEqual(report.counts.parts, { created: expected.parts, updated: 0, unchanged: 0, removed: 0 });
        assert.deepEqual(report.counts.bomLines, { created: expected.bom.length, updated: 0, unchanged: 0, removed: 0 });
        assert.deepEqual(report.warnings, []);
      });

      it('stores the BOM with its quantities', async () => {
        assert.deepEqual(await store.bom(), [...expected.bom, ...MINI_BOM].sort(compareLines));
        assert.equal(bomLevels(await store.bom()), expected.levels);
      });

      it('changes nothing when imported again', async () => {
        const versions = await store.versions();
        const journal = store.journalBytes();
        const commits = store.changes.length;
        const report = await store.import('step', join(STEP, expected.file));
        assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: expected.parts, removed: 0 });
        assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: expected.bom.length, removed: 0 });
        assert.equal(report.sequence, undefined);
        assert.deepEqual(await store.versions(), versions);
        assert.equal(store.journalBytes(), journal);
        assert.equal(store.changes.length, commits);
      });
    });
  }

  it('corpus life cycle stages name no view', async () => {
    // AS1 and DM1 write 'design' (Pro/ENGINEER as a DESIGN_CONTEXT), and CATIA's S1 leaves the stage blank.
    // Without manufacturing definitions in the file, the import's view (EBOM by default) applies.
    const expected: [file: string, views: string[]][] = [
      ['as1-oc-214.stp', ['none']],
      ['as1_pe_203.stp', ['none']],
      ['dm1-id-214.stp', ['none']],
      [join('s1-c5-214', 's1-c5-214.stp'), ['none']],
    ];
    for (const [file, views] of expected) {
      const batch = await readStep(openInput(join(STEP, file)));
      assert.deepEqual([...new Set(batch.bomLines.map((line) => line.view ?? 'none'))], views, file);
    }
  });

  it('AS1 reuses the nut in two sub-assemblies', () => {
    const users = AS1_BOM.filter(([, child]) => child === 'nut').map(([assembly]) => assembly);
    assert.deepEqual(users, ['nut-bolt-assembly', 'rod-assembly']);
  });

  it('AP203 and AP214 exports of AS1 give the same BOM', async () => {
    const ap214 = await readStep(openInput(join(STEP, 'as1-oc-214.stp')));
    const ap203 = await readStep(openInput(join(STEP, 'as1_pe_203.stp')));
    const structure = (batch: typeof ap214, rename: (name: string) => string): string[] => {
      const numbers = new Map(batch.parts.map((part) => [part.sourceId, rename(part.partNumber)]));
      return batch.bomLines.map((line) => `${numbers.get(line.parent)} uses ${numbers.get(line.child)} x${line.quantity}`).sort();
    };
    const fromAp203 = structure(ap203, (name) => AP203_NAMES[name] ?? `unmapped ${name}`);
    assert.deepEqual(fromAp203, structure(ap214, (name) => name));
    assert.equal(fromAp203.length, 9);
  });

  it('S1 reads all 13 files', async () => {
    let bytesRead = 0;
    const batch = await readStep(openInput(join(STEP, 's1-c5-214', 's1-c5-214.stp')), { onProgress: (progress) => (bytesRead = progress.bytesRead) });
    assert.equal(bytesRead, 438_425);
    const files = new Set(batch.parts.map((part) => part.location.file));
    assert.deepEqual([...files].sort(), ['FOOT.stp', 'HEAD.stp', 'MAINBODY.stp', 'TAIL.stp', 's1-c5-214.stp']);
    const leaves = batch.parts.filter((part) => !batch.bomLines.some((line) => line.parent === part.sourceId));
    assert.equal(leaves.length, 8);
  });

  it('DM1 counts repeated usages as quantity', async () => {
    const batch = await readStep(openInput(join(STEP, 'dm1-id-214.stp')));
    const lines = batch.bomLines.map((line) => [line.location.entity, line.quantity]);
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.map(([, quantity]) => quantity).sort(), [1, 3, 3]);
    const materials = batch.parts.filter((part) => part.partNumber.startsWith('AMS ')).map((part) => [part.partNumber, part.title]);
    assert.deepEqual(materials.sort(), [
      ['AMS 4928', 'Titanium 6-4'],
      ['AMS 5613', 'Greek Ascoloy'],
      ['AMS 5662', 'Inconel 718'],
    ]);
  });

  it('records PROV-O provenance on each part', async () => {
    const store = await ImportStore.open();
    try {
      const report = await store.import('step', join(STEP, 'as1-oc-214.stp'));
      const part = (await store.part('nut', '-'))!;
      assert.deepEqual(await store.values(part, `${NS.prov}wasDerivedFrom`), ['urn:digital-thread:import-source:as1-oc-214.stp']);
      assert.equal(report.source.iri, 'urn:digital-thread:import-source:as1-oc-214.stp');
      assert.match(report.source.origin, /^file:\/\/\/.*\/test\/fixtures\/import\/step\/as1-oc-214\.stp$/);
      assert.deepEqual(await store.values(part, `${NS.dt}importOrigin`), [report.source.origin]);
      assert.deepEqual(await store.values(part, `${NS.dt}sourceSystem`), ['STEP AP214, Open CASCADE 6.1']);
      assert.deepEqual(await store.values(part, `${NS.dt}sourceId`), ['nut/-']);
      const [generated] = await store.values(part, `${NS.prov}generatedAtTime`);
      assert.ok(Date.now() - Date.parse(generated!) < 60_000, `generatedAtTime ${generated}`);
    } finally {
      await store.close();
    }
  });
});

/** Copies a fixture into `directory` with one line (1-based) replaced, after checking that line's text. */
function editedCopy(directory: string, name: string, line: number, from: string, to: string): string {
  const lines = readFileSync(join(STEP, name), 'latin1').split('\n');
  assert.ok(lines[line - 1]!.includes(from), `line ${line} of ${name} contains ${from}`);
  lines[line - 1] = lines[line - 1]!.replace(from, to);
  const file = join(directory, name);
  writeFileSync(file, lines.join('\n'), 'latin1');
  return file;
}

describe('STEP corpus with edits', () => {
  const directory = temporaryDirectory('dt-step-edits-');
  let store: ImportStore;
  before(async () => {
    store = await ImportStore.open();
  });
  after(async () => {
    await store.close();
    directory.remove();
  });

  it('AS1 BOM cycle names every usage', async () => {
    // Usage #1910 of the bolt in the nut-bolt assembly now uses the l-bracket assembly, which uses the nut-bolt assembly three times.
    const file = editedCopy(directory.path, 'as1-oc-214.stp', 2465, "'',#1170,#1901,$);", "'',#1170,#1141,$);");
    const errors = await rejection(store.import('step', file));
    assert.deepEqual(errors, [
      'as1-oc-214.stp line 2482 (#1921): BOM cycle: ' +
        'nut-bolt-assembly rev - uses l-bracket-assembly rev - (#1910, line 2465), ' +
        'l-bracket-assembly rev - uses nut-bolt-assembly rev - (#1921, line 2482; #1927, line 2492; #1932, line 2501). ' +
        'An assembly cannot contain itself, directly or deeper, so remove or correct one of these uses, including every BOM line it lists.',
    ]);
  });

  it('AS1 unclosed string names its line', async () => {
    // Dropping the closing apostrophe of the name makes the string run on to the next apostrophe, near the end of the file.
    const file = editedCopy(directory.path, 'as1-oc-214.stp', 1424, "FORMATION('','',#1124)", "FORMATION('1,'',#1124)");
    const errors = await rejection(store.import('step', file));
    assert.deepEqual(errors, [
      'as1-oc-214.stp line 1424: A string that starts here is probably not closed, because it runs on into line 1425, which looks like the start of entity instance #1124. ' +
        'Close the string with an apostrophe, and write an apostrophe inside a string as two. (ISO 10303-21 syntax)',
    ]);
  });

  it('S1 without TAIL.stp names the missing file', async () => {
    const folder = join(directory.path, 's1-c5-214');
    cpSync(join(STEP, 's1-c5-214'), folder, { recursive: true });
    rmSync(join(folder, 'TAIL.stp'));
    const errors = await rejection(store.import('step', join(folder, 's1-c5-214.stp')));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!, /^s1-c5-214\.stp line \d+ \(#\d+\): /);
    assert.equal(
      errors[0]!.replace(/^[^:]*: /, ''),
      `The external file TAIL.stp, referenced from s1-c5-214.stp for part TAIL, was not found in ${folder}, so copy it next to s1-c5-214.stp, or export the assembly as one STEP file.`,
    );
  });

  describe('S1 with an edited TAIL_TURBINE.stp', () => {
    /** Copies S1 into a new folder, edits one line of TAIL_TURBINE.stp as editedCopy does, and returns the path of the top file. */
    const editedTurbine = (name: string, line: number, from: string, to: string): string => {
      const folder = join(directory.path, name);
      cpSync(join(STEP, 's1-c5-214'), join(folder, 's1-c5-214'), { recursive: true });
      editedCopy(folder, join('s1-c5-214', 'TAIL_TURBINE.stp'), line, from, to);
      return join(folder, 's1-c5-214', 's1-c5-214.stp');
    };
    const referencing = 'TAIL_TURBINE rev - "TAIL_TURBINE" (PRODUCT #28, line 13)';
    const keeps =
      'The import keeps TAIL_TURBINE rev - with the name and description from TAIL.stp, because the BOM lines of TAIL.stp use it and it identifies the part across imports. ' +
      'Correct the PRODUCT id or the revision in the file that is wrong, so that both files agree.';
    const cases: [edit: string, line: number, from: string, to: string, part: [number: string, revision: string, title: string, description?: string], warning?: string][] = [
      [
        'renumbered',
        12,
        "PRODUCT('TAIL_TURBINE','TAIL_TURBINE',' ',",
        "PRODUCT('TT-9000','Tail turbine, 6 blades','Composite turbine wheel',",
        ['TAIL_TURBINE', '-', 'TAIL_TURBINE', undefined],
        `The part numbers disagree: TAIL.stp uses ${referencing} and refers to TAIL_TURBINE.stp for its definition, ` +
          'but TAIL_TURBINE.stp defines TT-9000 rev - "Tail turbine, 6 blades" with description "Composite turbine wheel" (PRODUCT #5, line 12). ' +
          keeps,
      ],
      [
        'revised',
        670,
        "FORMATION_WITH_SPECIFIED_SOURCE(' ',",
        "FORMATION_WITH_SPECIFIED_SOURCE('B',",
        ['TAIL_TURBINE', '-', 'TAIL_TURBINE', undefined],
        `The revisions disagree: TAIL.stp uses ${referencing} and refers to TAIL_TURBINE.stp for its definition, ` +
          'but TAIL_TURBINE.stp defines TAIL_TURBINE rev B "TAIL_TURBINE" (PRODUCT #5, line 12). ' +
          keeps,
      ],
      [
        'renamed',
        12,
        "PRODUCT('TAIL_TURBINE','TAIL_TURBINE',' ',",
        "PRODUCT('TAIL_TURBINE','Tail turbine, 6 blades','Composite turbine wheel',",
        ['TAIL_TURBINE', '-', 'Tail turbine, 6 blades', 'Composite turbine wheel'],
        'TAIL.stp and TAIL_TURBINE.stp give TAIL_TURBINE rev - different names: "TAIL_TURBINE" (PRODUCT #28, line 13) in TAIL.stp, ' +
          '"Tail turbine, 6 blades" with description "Composite turbine wheel" (PRODUCT #5, line 12) in TAIL_TURBINE.stp. ' +
          'The import takes the name and description from TAIL_TURBINE.stp, because that file defines the part and TAIL.stp contains a copy. ' +
          'Export TAIL.stp again, or correct its PRODUCT, so that the copy agrees.',
      ],
      // TAIL.stp leaves the description blank, so taking it from the defining file is no disagreement.
      ['described', 12, "PRODUCT('TAIL_TURBINE','TAIL_TURBINE',' ',", "PRODUCT('TAIL_TURBINE','TAIL_TURBINE','Composite turbine wheel',", ['TAIL_TURBINE', '-', 'TAIL_TURBINE', 'Composite turbine wheel']],
    ];
    for (const [edit, line, from, to, part, warning] of cases) {
      it(`${edit} component`, async () => {
        const batch = await readStep(openInput(editedTurbine(`s1-${edit}`, line, from, to)));

        const turbine = batch.parts.filter((candidate) => candidate.sourceId.startsWith('TAIL.stp:'));
        assert.deepEqual(
          turbine.map((candidate) => [candidate.partNumber, candidate.revision, candidate.title, candidate.description]),
          [part, ['TAIL_MIDDLE_PART', '-', 'TAIL_MIDDLE_PART', undefined]],
        );
        assert.deepEqual(
          batch.issues,
          warning === undefined ? [] : [{ severity: 'warning', message: warning, location: { file: 'TAIL.stp', line: 97, entity: '#37' } }],
        );
        const tailLines = batch.bomLines.filter((bomLine) => bomLine.parent === 'TAIL/-');
        assert.deepEqual(
          tailLines.map((bomLine) => [bomLine.child, bomLine.quantity]),
          [
            ['TAIL.stp:TAIL_TURBINE/-', 2],
            ['TAIL.stp:TAIL_MIDDLE_PART/-', 1],
          ],
        );
      });
    }

    it('renamed component stores the new title', async () => {
      const [, line, from, to] = cases.find(([edit]) => edit === 'renamed')!;
      const report = await store.import('step', editedTurbine('s1-renamed-stored', line, from, to));
      assert.equal(report.warnings.length, 1);
      const turbine = (await store.part('TAIL_TURBINE', '-'))!;
      assert.deepEqual(await store.values(turbine, `${NS.dcterms}title`), ['Tail turbine, 6 blades']);
      assert.deepEqual(await store.values(turbine, `${NS.dcterms}description`), ['Composite turbine wheel']);
    });
  });

  it('S1 with head_back.stp suggests the name', async () => {
    const folder = join(directory.path, 's1-lower-case');
    cpSync(join(STEP, 's1-c5-214'), folder, { recursive: true });
    renameSync(join(folder, 'HEAD_BACK.stp'), join(folder, 'head_back.stp'));
    const errors = await rejection(store.import('step', join(folder, 's1-c5-214.stp')));
    assert.deepEqual(errors, [
      `HEAD.stp line 87 (#77): The external file HEAD_BACK.stp, referenced from HEAD.stp for part HEAD_BACK, was not found in ${folder} ` +
        '(did you mean head_back.stp? Only the letter case differs, and file names are case-sensitive here), ' +
        'so rename head_back.stp to HEAD_BACK.stp, or export the assembly as one STEP file.',
    ]);
  });
});
