import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferInput } from '../../../src/import/ImportInput.js';
import { readStep } from '../../../src/import/step/StepAdapter.js';

/**
 * An AP242 file written for this test in the style of current CAD exporters: a hydraulic manifold
 * that uses 4 plugs through one QUANTIFIED_ASSEMBLY_COMPONENT_USAGE (COUNT_MEASURE), 0.25 l of fluid
 * in litres, and names with a semicolon, a doubled apostrophe and \X2\ encoded characters (Ø, °).
 * The manifold's usage of the sealing ring spans lines and carries a reference designator.
 */
const AP242 = [
  'ISO-10303-21;',
  'HEADER;',
  "FILE_DESCRIPTION(('manifold; test'),'2;1');",
  "FILE_NAME('manifold.stp','2026-02-01T10:00:00',('Engineer'),('Aquila'),'Exporter 2.1','CAD system 7','');",
  "FILE_SCHEMA(('AP242_MANAGED_MODEL_BASED_3D_ENGINEERING_MIM_LF { 1 0 10303 442 1 1 4 }'));",
  'ENDSEC;',
  'DATA;',
  "#1=APPLICATION_CONTEXT('managed model based 3d engineering');",
  "#2=PRODUCT_CONTEXT('',#1,'mechanical');",
  "#3=PRODUCT_DEFINITION_CONTEXT('part definition',#1,'design');",
  "#10=PRODUCT('EHA-2100','Manifold; hydraulic','Machined from 7075-T7351',(#2));",
  "#11=PRODUCT_DEFINITION_FORMATION_WITH_SPECIFIED_SOURCE('C','',#10,.MADE.);",
  "#12=PRODUCT_DEFINITION('design','',#11,#3);",
  "#20=PRODUCT('MS28778-4','Packing, preformed \\X2\\00D8\\X0\\ 6 mm','',(#2));",
  "#21=PRODUCT_DEFINITION_FORMATION('-','',#20);",
  "#22=PRODUCT_DEFINITION('design','',#21,#3);",
  "#30=PRODUCT('AN814-4','Plug, 90\\X2\\00B0\\X0\\ port ''B''','',(#2));",
  "#31=PRODUCT_DEFINITION_FORMATION('A','',#30);",
  "#32=PRODUCT_DEFINITION('design','',#31,#3);",
  "#40=PRODUCT('M83282','Hydraulic fluid','',(#2));",
  "#41=PRODUCT_DEFINITION_FORMATION('B','',#40);",
  "#42=PRODUCT_DEFINITION('design','',#41,#3);",
  "#50=NEXT_ASSEMBLY_USAGE_OCCURRENCE('50','seal','',#12,#22,",
  "  'P1');",
  "#51=QUANTIFIED_ASSEMBLY_COMPONENT_USAGE('51','plugs','',#12,#32,$,#60);",
  '#60=MEASURE_WITH_UNIT(COUNT_MEASURE(4.),#70);',
  "#70=(NAMED_UNIT(*)SI_UNIT($,.METRE.)LENGTH_UNIT());",
  "#52=QUANTIFIED_ASSEMBLY_COMPONENT_USAGE('52','fluid','',#12,#42,$,#61);",
  '#61=MEASURE_WITH_UNIT(VOLUME_MEASURE(0.25),#71);',
  "#71=(CONVERSION_BASED_UNIT('LITRE',#72)NAMED_UNIT(*)VOLUME_UNIT());",
  '#72=MEASURE_WITH_UNIT(VOLUME_MEASURE(0.001),#73);',
  "#73=(NAMED_UNIT(*)SI_UNIT($,.CUBIC_METRE.)VOLUME_UNIT());",
  'ENDSEC;',
  'END-ISO-10303-21;',
  '',
].join('\r\n');

describe('STEP AP242 adapter', () => {
  it('reads quantified usages and encoded names', async () => {
    const batch = await readStep(bufferInput('manifold.stp', Buffer.from(AP242, 'latin1')));
    assert.equal(batch.source.system, 'STEP AP242, CAD system 7');
    assert.deepEqual(batch.issues, []);
    assert.deepEqual(
      batch.parts.map((part) => [part.partNumber, part.revision, part.title, part.description]),
      [
        ['EHA-2100', 'C', 'Manifold; hydraulic', 'Machined from 7075-T7351'],
        ['MS28778-4', '-', 'Packing, preformed Ø 6 mm', undefined],
        ['AN814-4', 'A', "Plug, 90° port 'B'", undefined],
        ['M83282', 'B', 'Hydraulic fluid', undefined],
      ],
    );
    assert.deepEqual(
      batch.bomLines.map((line) => [line.child, line.quantity, line.unit, line.referenceDesignators, line.location.line, line.location.entity]),
      [
        ['MS28778-4/-', 1, 'http://qudt.org/vocab/unit/NUM', ['P1'], 23, '#50'],
        ['AN814-4/A', 4, 'http://qudt.org/vocab/unit/NUM', undefined, 25, '#51'],
        ['M83282/B', 0.25, 'http://qudt.org/vocab/unit/L', undefined, 28, '#52'],
      ],
    );
  });
});

/**
 * Returns the manifold file with one quantified usage #52 of adhesive, whose quantity #61 is the
 * instance `quantity`. The header, the manifold and the litre unit #71 are lines of AP242.
 */
function adhesiveFile(quantity: string): string {
  const lines = AP242.split('\r\n');
  const manifoldEnd = lines.findIndex((line) => line.startsWith('#12=')) + 1;
  const litre = lines.filter((line) => /^#7[123]=/.test(line));
  return [
    ...lines.slice(0, manifoldEnd),
    "#40=PRODUCT('LOCTITE-9462','Adhesive, epoxy','',(#2));",
    "#41=PRODUCT_DEFINITION_FORMATION('B','',#40);",
    "#42=PRODUCT_DEFINITION('design','',#41,#3);",
    "#52=QUANTIFIED_ASSEMBLY_COMPONENT_USAGE('5','glue','',#12,#42,$,#61);",
    quantity,
    ...litre,
    '#74=(LENGTH_UNIT()NAMED_UNIT(*)SI_UNIT($,.METRE.));',
    'ENDSEC;',
    'END-ISO-10303-21;',
    '',
  ].join('\n');
}

describe('STEP quantity measures', () => {
  const LITRE = 'http://qudt.org/vocab/unit/L';
  const PIECES = 'http://qudt.org/vocab/unit/NUM';
  const accepted: [form: string, quantity: string, value?: number, unit?: string][] = [
    ['MEASURE_WITH_UNIT', '#61=MEASURE_WITH_UNIT(VOLUME_MEASURE(2.5),#71);'],
    ['VOLUME_MEASURE_WITH_UNIT', '#61=VOLUME_MEASURE_WITH_UNIT(VOLUME_MEASURE(2.5),#71);'],
    ['UNCERTAINTY_MEASURE_WITH_UNIT', "#61=UNCERTAINTY_MEASURE_WITH_UNIT(VOLUME_MEASURE(2.5),#71,'quantity',$);"],
    ['MEASURE_REPRESENTATION_ITEM', "#61=MEASURE_REPRESENTATION_ITEM('quantity',VOLUME_MEASURE(2.5),#71);"],
    ['complex MEASURE_REPRESENTATION_ITEM', "#61=(MEASURE_REPRESENTATION_ITEM()MEASURE_WITH_UNIT(VOLUME_MEASURE(2.5),#71)REPRESENTATION_ITEM('quantity'));"],
    [
      'complex VOLUME_MEASURE_WITH_UNIT',
      "#61=(MEASURE_REPRESENTATION_ITEM()MEASURE_WITH_UNIT(VOLUME_MEASURE(2.5),#71)REPRESENTATION_ITEM('quantity')VOLUME_MEASURE_WITH_UNIT());",
    ],
    // Partial entities are in alphabetical order, so LENGTH_MEASURE_WITH_UNIT() comes before MEASURE_WITH_UNIT(...).
    [
      'complex LENGTH_MEASURE_WITH_UNIT',
      "#61=(LENGTH_MEASURE_WITH_UNIT()MEASURE_REPRESENTATION_ITEM()MEASURE_WITH_UNIT(LENGTH_MEASURE(0.75),#74)REPRESENTATION_ITEM('bead'));",
      0.75,
      'http://qudt.org/vocab/unit/M',
    ],
    // A count takes pieces from a unit that names no dimension, or from a context-dependent unit of pieces.
    ['count with a NAMED_UNIT', '#61=MEASURE_WITH_UNIT(COUNT_MEASURE(3.),#75);#75=NAMED_UNIT(#76);#76=DIMENSIONAL_EXPONENTS(0.,0.,0.,0.,0.,0.,0.);', 3, PIECES],
    ["count with CONTEXT_DEPENDENT_UNIT('pieces')", "#61=MEASURE_WITH_UNIT(COUNT_MEASURE(3.),#75);#75=CONTEXT_DEPENDENT_UNIT(#76,'pieces');#76=DIMENSIONAL_EXPONENTS(0.,0.,0.,0.,0.,0.,0.);", 3, PIECES],
    ['count without a unit', '#61=MEASURE_WITH_UNIT(COUNT_MEASURE(3.),$);', 3, PIECES],
    ['count with the length unit', '#61=MEASURE_WITH_UNIT(COUNT_MEASURE(3.),#74);', 3, PIECES],
    // The prefix scales the metre before the power, so this is 450 mm³.
    ['cubic millimetres', '#61=VOLUME_MEASURE_WITH_UNIT(VOLUME_MEASURE(450.),#75);#75=(NAMED_UNIT(*)SI_UNIT(.MILLI.,.CUBIC_METRE.)VOLUME_UNIT());', 450, 'http://qudt.org/vocab/unit/MilliM3'],
  ];
  for (const [form, quantity, value = 2.5, unit = LITRE] of accepted) {
    it(`reads ${form}`, async () => {
      const batch = await readStep(bufferInput('ap242_mri.stp', Buffer.from(adhesiveFile(quantity))));
      assert.deepEqual(batch.issues, []);
      assert.deepEqual(
        batch.bomLines.map((line) => [line.child, line.quantity, line.unit]),
        [['LOCTITE-9462/B', value, unit]],
      );
    });
  }

  const notMeasure =
    'Quantified usage #52: its quantity #61 is missing or not a MEASURE_WITH_UNIT or a subtype of it such as MEASURE_REPRESENTATION_ITEM. ' +
    'Refer to an instance such as MEASURE_WITH_UNIT(COUNT_MEASURE(2.),#unit).';
  const rejected: [problem: string, quantity: string, message: string][] = [
    ['missing instance', '', notMeasure],
    ['descriptive item', "#61=DESCRIPTIVE_REPRESENTATION_ITEM('quantity','2.5 l');", notMeasure],
    ['complex item without MEASURE_WITH_UNIT', "#61=(MEASURE_REPRESENTATION_ITEM()REPRESENTATION_ITEM('quantity'));", notMeasure],
    ['text value', "#61=MEASURE_REPRESENTATION_ITEM('quantity',DESCRIPTIVE_MEASURE('2.5 l'),#71);", 'Quantified usage #52: its quantity #61 has no numeric value.'],
    [
      'unknown unit',
      '#61=LENGTH_MEASURE_WITH_UNIT(LENGTH_MEASURE(12.),#75);#75=(LENGTH_UNIT()NAMED_UNIT(*)SI_UNIT(.MICRO.,.METRE.));',
      'Quantified usage #52: the unit #75 (LENGTH_UNIT, NAMED_UNIT, SI_UNIT .MICRO. .METRE.) of its quantity 12 is not one this import knows; ' +
        'write the quantity as a COUNT_MEASURE, or in an SI_UNIT (METRE, GRAM, SQUARE_METRE or CUBIC_METRE, with MILLI, CENTI or KILO where it applies), or in a CONVERSION_BASED_UNIT named INCH, FOOT, POUND or LITRE',
    ],
    [
      'unit not in the file',
      '#61=MEASURE_WITH_UNIT(COUNT_MEASURE(2.),#209);',
      'Quantified usage #52: the unit #209 of its quantity 2 is not in the file; refer to a unit instance of the file, or export the file again if it was cut short.',
    ],
  ];
  for (const [problem, quantity, message] of rejected) {
    it(`rejects ${problem}`, async () => {
      const batch = await readStep(bufferInput('ap242_mri.stp', Buffer.from(adhesiveFile(quantity))));
      assert.deepEqual(batch.bomLines, []);
      assert.deepEqual(batch.issues, [{ severity: 'error', message, location: { file: 'ap242_mri.stp', line: 17, entity: '#52' } }]);
    });
  }
});
