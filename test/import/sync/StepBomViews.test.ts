import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BomView } from '../../../src/import/BomViews.js';
import { bufferInput } from '../../../src/import/ImportInput.js';
import type { ImportBatch } from '../../../src/import/ImportModel.js';
import { readStep } from '../../../src/import/step/StepAdapter.js';
import { ImportStore, NS } from '../helpers/ImportStore.js';

const EBOM = `${NS.dt}EBOM`;
const MBOM = `${NS.dt}MBOM`;

/** Returns the header and contexts of an AP214 file written for these tests, with `context` as #4, the context of every product definition. */
function header(name: string, context: string): string[] {
  return [
    'ISO-10303-21;',
    'HEADER;',
    "FILE_DESCRIPTION(('gearbox GBX-400 structure'),'2;1');",
    `FILE_NAME('${name}','2026-03-02T09:30:00',('Process planner'),('Aquila'),'Exporter 2.1','PLM system 12','');`,
    "FILE_SCHEMA(('AUTOMOTIVE_DESIGN { 1 0 10303 214 3 1 1 }'));",
    'ENDSEC;',
    'DATA;',
    "#1=APPLICATION_CONTEXT('automotive design');",
    "#2=APPLICATION_PROTOCOL_DEFINITION('international standard','automotive_design',2010,#1);",
    "#3=PRODUCT_CONTEXT('',#1,'mechanical');",
    context,
  ];
}

/** The gearbox GBX-400 rev B, its machined housing, its bearing kit and the bearing, each with one product definition #N2 in context #4. */
const PRODUCTS = [
  "#10=PRODUCT('GBX-400','Gearbox assembly','',(#3));",
  "#11=PRODUCT_DEFINITION_FORMATION('B','',#10);",
  "#12=PRODUCT_DEFINITION('view','',#11,#4);",
  "#20=PRODUCT('GBX-410','Housing, machined','',(#3));",
  "#21=PRODUCT_DEFINITION_FORMATION('A','',#20);",
  "#22=PRODUCT_DEFINITION('view','',#21,#4);",
  "#30=PRODUCT('GBX-400-K1','Bearing kit','',(#3));",
  "#31=PRODUCT_DEFINITION_FORMATION('A','',#30);",
  "#32=PRODUCT_DEFINITION('view','',#31,#4);",
  "#40=PRODUCT('6204-2RS','Ball bearing 20x47x14','',(#3));",
  "#41=PRODUCT_DEFINITION_FORMATION('-','',#40);",
  "#42=PRODUCT_DEFINITION('view','',#41,#4);",
];

const FOOTER = ['ENDSEC;', 'END-ISO-10303-21;', ''];

/** Returns a planning structure: the gearbox takes the housing and the bearing kit, and the kit contains two bearings. */
function planningFile(context: string, extra: readonly string[] = []): string {
  return [
    ...header('gearbox.stp', context),
    ...PRODUCTS,
    "#50=NEXT_ASSEMBLY_USAGE_OCCURRENCE('50','housing','',#12,#22,$);",
    "#51=NEXT_ASSEMBLY_USAGE_OCCURRENCE('51','kit','',#12,#32,$);",
    "#52=NEXT_ASSEMBLY_USAGE_OCCURRENCE('52','bearing 1','',#32,#42,$);",
    "#53=NEXT_ASSEMBLY_USAGE_OCCURRENCE('53','bearing 2','',#32,#42,$);",
    ...extra,
    ...FOOTER,
  ].join('\r\n');
}

const MANUFACTURING = "#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'manufacturing');";
const DESIGN = "#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'design');";

/**
 * One export with both life cycle views of gearbox GBX-400 rev B: the design definition #12 (context #4)
 * uses the housing and two bearings, and the manufacturing definition #13 (context #5) uses the housing's
 * design definition and the bearing kit, whose manufacturing definition #33 contains the two bearings.
 */
const BOTH_VIEWS = [
  ...header('gearbox_views.stp', DESIGN),
  "#5=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'manufacturing');",
  ...PRODUCTS.filter((line) => !line.startsWith('#32=')),
  "#13=PRODUCT_DEFINITION('manufacturing','',#11,#5);",
  "#33=PRODUCT_DEFINITION('manufacturing','',#31,#5);",
  "#50=NEXT_ASSEMBLY_USAGE_OCCURRENCE('50','housing','',#12,#22,$);",
  "#51=NEXT_ASSEMBLY_USAGE_OCCURRENCE('51','bearing 1','',#12,#42,$);",
  "#52=NEXT_ASSEMBLY_USAGE_OCCURRENCE('52','bearing 2','',#12,#42,$);",
  "#60=NEXT_ASSEMBLY_USAGE_OCCURRENCE('60','housing','',#13,#22,$);",
  "#61=NEXT_ASSEMBLY_USAGE_OCCURRENCE('61','kit','',#13,#33,$);",
  "#62=NEXT_ASSEMBLY_USAGE_OCCURRENCE('62','bearing 1','',#33,#42,$);",
  "#63=NEXT_ASSEMBLY_USAGE_OCCURRENCE('63','bearing 2','',#33,#42,$);",
  ...FOOTER,
].join('\r\n');

/**
 * Gearbox GBX-400 rev B with two definitions: #12 in context #4 uses the housing and two bearings, and #13
 * in context #5, whose life cycle stage is `stage`, uses the housing and a sealant (`secondUsages`).
 */
function secondDefinitionFile(context: string, stage: string, secondUsages = true): string {
  return [
    ...header('gearbox_production.stp', context),
    `#5=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'${stage}');`,
    ...PRODUCTS,
    "#13=PRODUCT_DEFINITION('production','',#11,#5);",
    "#70=PRODUCT('LOCTITE-5699','Gasket sealant','',(#3));",
    "#71=PRODUCT_DEFINITION_FORMATION('-','',#70);",
    "#72=PRODUCT_DEFINITION('view','',#71,#4);",
    "#50=NEXT_ASSEMBLY_USAGE_OCCURRENCE('50','housing','',#12,#22,$);",
    "#51=NEXT_ASSEMBLY_USAGE_OCCURRENCE('51','bearing 1','',#12,#42,$);",
    "#52=NEXT_ASSEMBLY_USAGE_OCCURRENCE('52','bearing 2','',#12,#42,$);",
    ...(secondUsages
      ? ["#60=NEXT_ASSEMBLY_USAGE_OCCURRENCE('60','housing','',#13,#22,$);", "#61=NEXT_ASSEMBLY_USAGE_OCCURRENCE('61','sealant','',#13,#72,$);"]
      : []),
    ...FOOTER,
  ].join('\r\n');
}

/** Returns the warning about the lines of definition #13 in context #5, line 12 of secondDefinitionFile, with its stage as the message writes it. */
function leftOutWarning(stage: string): ImportBatch['issues'][number] {
  return {
    severity: 'warning',
    message:
      `The product definition context #5 has ${stage}, which names no BOM view, and another product definition of the same version is in the file, ` +
      'so the import leaves out 2 BOM lines of GBX-400 rev B (#13) rather than add them to the BOM of that other definition. ' +
      "Write 'manufacturing' as its life cycle stage for an MBOM, or export that view on its own and import it with --bom-view.",
    location: { file: 'gearbox_production.stp', line: 12, entity: '#5' },
  };
}

function read(name: string, text: string): Promise<ImportBatch> {
  return readStep(bufferInput(name, Buffer.from(text, 'latin1')));
}

/** BOM lines of a batch as `assembly > child xquantity view`, with `-` for a line whose view the import chooses. */
function batchLines(batch: ImportBatch): string[] {
  const numbers = new Map(batch.parts.map((part) => [part.sourceId, part.partNumber]));
  return batch.bomLines.map((line) => `${numbers.get(line.parent)} > ${numbers.get(line.child)} x${line.quantity} ${line.view ?? '-'}`).sort();
}

/** Reads the stored BOM lines of the gearbox as `assembly > child xquantity view` and their dt:sourceIds, sorted. */
async function storedLines(store: ImportStore): Promise<{ lines: string[]; sourceIds: string[] }> {
  const lines: string[] = [];
  const sourceIds: string[] = [];
  for (const iri of await store.resources(`${NS.oslc_plm}PartUsage`)) {
    const [assembly] = await store.values(iri, `${NS.dt}assembly`);
    const [child] = await store.values(iri, `${NS.oslc_plm}representsPart`);
    const [assemblyNumber] = await store.values(assembly!, `${NS.dt}partNumber`);
    if (!assemblyNumber!.startsWith('GBX')) {
      continue;
    }
    const [childNumber] = await store.values(child!, `${NS.dt}partNumber`);
    const [quantity] = await store.values(iri, `${NS.dt}quantity`);
    const views = await store.values(iri, `${NS.dt}bomView`);
    lines.push(`${assemblyNumber} > ${childNumber} x${Number(quantity)} ${views.join(' ')}`);
    sourceIds.push(...(await store.values(iri, `${NS.dt}sourceId`)));
  }
  return { lines: lines.sort(), sourceIds: sourceIds.sort() };
}

describe('STEP life cycle stages', () => {
  const PLANNING: readonly string[] = ['GBX-400 > GBX-400-K1 x1', 'GBX-400 > GBX-410 x1', 'GBX-400-K1 > 6204-2RS x2'];
  const cases: { case: string; context: string; extra?: string[]; views: (BomView | '-')[] }[] = [
    // CAD systems write 'design' whatever the BOM, so alone in a file it leaves the view to the import.
    { case: "'design'", context: DESIGN, views: ['-'] },
    { case: "Windchill's 'Design'", context: "#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'Design');", views: ['-'] },
    { case: "'manufacturing'", context: MANUFACTURING, views: ['MBOM'] },
    { case: 'AP203 DESIGN_CONTEXT', context: "#4=DESIGN_CONTEXT('',#1,'design');", views: ['-'] },
    { case: 'complex instance', context: "#4=(APPLICATION_CONTEXT_ELEMENT('part definition',#1)PRODUCT_DEFINITION_CONTEXT('manufacturing'));", views: ['MBOM'] },
    { case: "CATIA's blank stage", context: "#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,' ');", views: ['-'] },
    {
      case: 'associated manufacturing context',
      context: "#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,' ');",
      extra: [
        "#5=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'manufacturing');",
        "#6=PRODUCT_DEFINITION_CONTEXT_ROLE('additional context',$);",
        '#7=PRODUCT_DEFINITION_CONTEXT_ASSOCIATION(#12,#5,#6);',
        '#8=PRODUCT_DEFINITION_CONTEXT_ASSOCIATION(#32,#5,#6);',
      ],
      views: ['MBOM'],
    },
    {
      case: 'design with associated manufacturing',
      context: DESIGN,
      extra: [
        "#5=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'manufacturing');",
        "#6=PRODUCT_DEFINITION_CONTEXT_ROLE('additional context',$);",
        '#7=PRODUCT_DEFINITION_CONTEXT_ASSOCIATION(#12,#5,#6);',
        '#8=PRODUCT_DEFINITION_CONTEXT_ASSOCIATION(#32,#5,#6);',
      ],
      views: ['EBOM', 'MBOM'],
    },
  ];
  for (const { case: name, context, extra, views } of cases) {
    it(`${name} gives ${views.map((view) => (view === '-' ? "the import's view" : view)).join(' and ')}`, async () => {
      const batch = await read('gearbox.stp', planningFile(context, extra));
      assert.deepEqual(batch.issues, []);
      assert.deepEqual(batchLines(batch), PLANNING.flatMap((line) => views.map((view) => `${line} ${view}`)).sort());
    });
  }

  it('warns about a stage that names no view', async () => {
    const batch = await read('gearbox.stp', planningFile("#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'production');"));
    assert.deepEqual(batchLines(batch), PLANNING.map((line) => `${line} -`));
    assert.deepEqual(batch.issues, [
      {
        severity: 'warning',
        message:
          "The product definition context #4 has the life cycle stage 'production', which names no BOM view, so the BOM lines of GBX-400, GBX-400-K1 " +
          "go into the import's view (EBOM unless --bom-view says otherwise). Write 'design' for the EBOM or 'manufacturing' for the MBOM as its life cycle stage, or choose the view with --bom-view.",
        location: { file: 'gearbox.stp', line: 11, entity: '#4' },
      },
    ]);
  });

  it('gives both views one part revision', async () => {
    const batch = await read('gearbox_views.stp', BOTH_VIEWS);
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(batchLines(batch), [
      'GBX-400 > 6204-2RS x2 EBOM',
      'GBX-400 > GBX-400-K1 x1 MBOM',
      'GBX-400 > GBX-410 x1 EBOM',
      'GBX-400 > GBX-410 x1 MBOM',
      'GBX-400-K1 > 6204-2RS x2 MBOM',
    ]);
    const gearboxes = batch.parts.filter((part) => part.partNumber === 'GBX-400');
    assert.deepEqual(
      gearboxes.map((part) => [part.revision, part.location.entity]),
      [
        ['B', '#12'],
        ['B', '#13'],
      ],
    );
  });
});

describe('STEP second definition without view', () => {
  const DESIGN_LINES = ['GBX-400 > 6204-2RS x2', 'GBX-400 > GBX-410 x1'];
  const cases: { case: string; context: string; stage: string; secondUsages?: boolean; view: BomView | '-'; warning?: string }[] = [
    { case: "'production' beside 'design'", context: DESIGN, stage: 'production', view: '-', warning: "the life cycle stage 'production'" },
    { case: "'production' beside 'manufacturing'", context: MANUFACTURING, stage: 'production', view: 'MBOM', warning: "the life cycle stage 'production'" },
    // The blank definition's lines would double the design's in the import's view.
    { case: "blank stage beside 'design'", context: DESIGN, stage: ' ', view: '-', warning: 'a blank life cycle stage' },
    { case: "'production' without usages", context: DESIGN, stage: 'production', secondUsages: false, view: '-' },
  ];
  for (const { case: name, context, stage, secondUsages, view, warning } of cases) {
    it(name, async () => {
      const batch = await read('gearbox_production.stp', secondDefinitionFile(context, stage, secondUsages));
      assert.deepEqual(batchLines(batch), DESIGN_LINES.map((line) => `${line} ${view}`));
      assert.deepEqual(batch.issues, warning === undefined ? [] : [leftOutWarning(warning)]);
    });
  }

  it('keeps the MBOM to the design lines', async () => {
    const store = await ImportStore.open();
    try {
      const report = await store.import('step', bufferInput('gearbox_production.stp', Buffer.from(secondDefinitionFile(DESIGN, 'production'), 'latin1')), { bomView: 'MBOM' });
      assert.deepEqual(
        report.warnings.map((issue) => issue.message),
        [leftOutWarning("the life cycle stage 'production'").message],
      );
      assert.deepEqual(report.counts.bomLines, { created: 2, updated: 0, unchanged: 0, removed: 0 });
      assert.deepEqual((await storedLines(store)).lines, [`GBX-400 > 6204-2RS x2 ${MBOM}`, `GBX-400 > GBX-410 x1 ${MBOM}`]);
    } finally {
      await store.close();
    }
  });
});

describe('STEP BOM views import', () => {
  const files: { case: string; name: string; text: string; bomView?: BomView; lines: string[] }[] = [
    {
      case: 'manufacturing file',
      name: 'gearbox.stp',
      text: planningFile(MANUFACTURING),
      lines: [`GBX-400 > GBX-400-K1 x1 ${MBOM}`, `GBX-400 > GBX-410 x1 ${MBOM}`, `GBX-400-K1 > 6204-2RS x2 ${MBOM}`],
    },
    {
      case: 'design file with --bom-view mbom',
      name: 'gearbox.stp',
      text: planningFile(DESIGN),
      bomView: 'MBOM',
      lines: [`GBX-400 > GBX-400-K1 x1 ${MBOM}`, `GBX-400 > GBX-410 x1 ${MBOM}`, `GBX-400-K1 > 6204-2RS x2 ${MBOM}`],
    },
    {
      case: 'design file',
      name: 'gearbox.stp',
      text: planningFile(DESIGN),
      lines: [`GBX-400 > GBX-400-K1 x1 ${EBOM}`, `GBX-400 > GBX-410 x1 ${EBOM}`, `GBX-400-K1 > 6204-2RS x2 ${EBOM}`],
    },
    {
      case: 'blank stage with --bom-view mbom',
      name: 'gearbox.stp',
      text: planningFile("#4=PRODUCT_DEFINITION_CONTEXT('part definition',#1,' ');"),
      bomView: 'MBOM',
      lines: [`GBX-400 > GBX-400-K1 x1 ${MBOM}`, `GBX-400 > GBX-410 x1 ${MBOM}`, `GBX-400-K1 > 6204-2RS x2 ${MBOM}`],
    },
    {
      case: 'file with both views',
      name: 'gearbox_views.stp',
      text: BOTH_VIEWS,
      lines: [`GBX-400 > 6204-2RS x2 ${EBOM}`, `GBX-400 > GBX-400-K1 x1 ${MBOM}`, `GBX-400 > GBX-410 x1 ${EBOM}`, `GBX-400 > GBX-410 x1 ${MBOM}`, `GBX-400-K1 > 6204-2RS x2 ${MBOM}`],
    },
  ];

  for (const file of files) {
    describe(file.case, () => {
      let store: ImportStore;
      before(async () => {
        store = await ImportStore.open();
      });
      after(() => store.close());
      const request = file.bomView === undefined ? {} : { bomView: file.bomView };

      it('stores each line in its view', async () => {
        const report = await store.import('step', bufferInput(file.name, Buffer.from(file.text, 'latin1')), request);
        assert.deepEqual(report.counts.parts, { created: 4, updated: 0, unchanged: 0, removed: 0 });
        assert.deepEqual(report.counts.bomLines, { created: file.lines.length, updated: 0, unchanged: 0, removed: 0 });
        assert.deepEqual(report.warnings, []);
        assert.deepEqual((await storedLines(store)).lines, file.lines);
      });

      it('changes nothing when imported again', async () => {
        const versions = await store.versions();
        const journal = store.journalBytes();
        const commits = store.changes.length;
        const report = await store.import('step', bufferInput(file.name, Buffer.from(file.text, 'latin1')), request);
        assert.deepEqual(report.counts.parts, { created: 0, updated: 0, unchanged: 4, removed: 0 });
        assert.deepEqual(report.counts.bomLines, { created: 0, updated: 0, unchanged: file.lines.length, removed: 0 });
        assert.deepEqual(await store.versions(), versions);
        assert.equal(store.journalBytes(), journal);
        assert.equal(store.changes.length, commits);
      });
    });
  }

  it('names the MBOM in source ids', async () => {
    const store = await ImportStore.open();
    try {
      await store.import('step', bufferInput('gearbox_views.stp', Buffer.from(BOTH_VIEWS, 'latin1')));
      assert.deepEqual((await storedLines(store)).sourceIds, [
        'GBX-400 rev B > 6204-2RS rev - occurrence 1',
        'GBX-400 rev B > GBX-400-K1 rev A occurrence 1 (MBOM)',
        'GBX-400 rev B > GBX-410 rev A occurrence 1',
        'GBX-400 rev B > GBX-410 rev A occurrence 1 (MBOM)',
        'GBX-400-K1 rev A > 6204-2RS rev - occurrence 1 (MBOM)',
      ]);
    } finally {
      await store.close();
    }
  });
});
