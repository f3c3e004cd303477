import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { STANDARD_KEYS, type AssuranceLevel } from '../../src/certification/Certification.js';
import { CATALOGUE_FILES } from '../../src/certification/ObjectiveCatalogue.js';
import { PROJECT_ROOT } from '../../src/server/ProjectRoot.js';
import { catalogue } from './CertificationFixture.js';

/** Objectives per software level, and how many of them need independence, as DO-178C Annex A counts them. */
const DO178C_TOTALS: Array<[AssuranceLevel, number, number]> = [
  ['A', 71, 30],
  ['B', 69, 18],
  ['C', 62, 5],
  ['D', 26, 2],
  ['E', 0, 0],
];

/** Objectives in each table of DO-178C Annex A. */
const DO178C_TABLES: Array<[string, number]> = [
  ['A-1', 7],
  ['A-2', 7],
  ['A-3', 7],
  ['A-4', 13],
  ['A-5', 9],
  ['A-6', 5],
  ['A-7', 9],
  ['A-8', 6],
  ['A-9', 5],
  ['A-10', 3],
];

describe('objective catalogues', () => {
  const do178c = catalogue.all().filter((objective) => objective.standard === 'DO178C');

  for (const [level, applicable, independent] of DO178C_TOTALS) {
    it(`DO-178C level ${level} has ${applicable} objectives`, () => {
      const atLevel = catalogue.applicable('DO178C', level);
      assert.equal(atLevel.length, applicable);
      assert.equal(atLevel.filter((objective) => objective.independenceAt.has(level)).length, independent);
    });
  }

  it('DO-178C tables A-1 to A-10 are complete', () => {
    const counts = new Map<string, number>();
    for (const objective of do178c) {
      counts.set(objective.table, (counts.get(objective.table) ?? 0) + 1);
    }
    assert.deepEqual([...counts.entries()], DO178C_TABLES);
  });

  it('DO-178C level D keeps only partitioning from table A-4', () => {
    const tableA4 = catalogue.applicable('DO178C', 'D').filter((objective) => objective.table === 'A-4');
    assert.deepEqual(tableA4.map((objective) => objective.identifier), ['A-4.13']);
  });

  for (const standard of STANDARD_KEYS) {
    it(`${standard} independence implies applicability`, () => {
      const objectives = catalogue.all().filter((objective) => objective.standard === standard);
      assert.ok(objectives.length > 0);
      for (const objective of objectives) {
        for (const level of objective.independenceAt) {
          assert.ok(objective.applicableAt.has(level), `${objective.identifier} needs independence at ${level} but does not apply there`);
        }
        assert.ok(!objective.applicableAt.has('E'), `${objective.identifier} applies at level E`);
      }
    });

    it(`${standard} titles are short`, () => {
      for (const objective of catalogue.all().filter((candidate) => candidate.standard === standard)) {
        assert.ok(objective.title.length > 0, `${objective.identifier} has an empty title`);
        assert.ok(objective.title.length <= 100, `${objective.identifier}: "${objective.title}"`);
      }
    });
  }

  it('every catalogue file names its source standard', () => {
    const sources: Record<string, RegExp> = {
      'do-178c-objectives.ttl': /^# Source: RTCA DO-178C \(2011\), Annex A/m,
      'do-254-objectives.ttl': /^# Source: RTCA DO-254 \(2000\)/m,
      'ecss-objectives.ttl': /^# Sources: ECSS-E-ST-40C .* and ECSS-Q-ST-80C/m,
    };
    assert.deepEqual(Object.keys(sources), [...CATALOGUE_FILES]);
    for (const file of CATALOGUE_FILES) {
      assert.match(readFileSync(join(PROJECT_ROOT, 'vocab', file), 'utf8'), sources[file]!, file);
    }
  });
});
