import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NS, PROVIDERS, sampleIndex, type IndexedResource, type SampleIndex } from './SampleIndex.js';

const ASSEMBLY = `${NS.dt}assembly`;
const CHILD = `${NS.oslc_plm}representsPart`;
const COMPOSED_OF = `${NS.oslc_plm}composedOfPartUsage`;
const VIEW = `${NS.dt}bomView`;

function isView(line: IndexedResource, view: 'EBOM' | 'MBOM'): boolean {
  return line.value(VIEW) === `${NS.dt}${view}`;
}

/** EBOM children of each assembly IRI. */
function ebomChildren(index: SampleIndex, provider: string): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const line of index.ofType('BomLine', provider).filter((candidate) => isView(candidate, 'EBOM'))) {
    const list = children.get(line.value(ASSEMBLY)!) ?? [];
    list.push(line.value(CHILD)!);
    children.set(line.value(ASSEMBLY)!, list);
  }
  return children;
}

function topAssemblies(index: SampleIndex, provider: string): string[] {
  const children = ebomChildren(index, provider);
  const used = new Set([...children.values()].flat());
  return [...children.keys()].filter((assembly) => !used.has(assembly));
}

/** Length of the longest path from `part` to a leaf; throws on a cycle. */
function depthBelow(children: Map<string, string[]>, part: string, path: string[] = []): number {
  if (path.includes(part)) {
    throw new Error(`BOM cycle: ${[...path, part].join(' -> ')}`);
  }
  let deepest = 0;
  for (const child of children.get(part) ?? []) {
    deepest = Math.max(deepest, 1 + depthBelow(children, child, [...path, part]));
  }
  return deepest;
}

for (const scale of [1, 3]) {
  describe(`bills of materials at scale ${scale}`, () => {
    const index = sampleIndex(undefined, scale);

    it('BOM lines and composedOfPartUsage match', () => {
      const lines = index.ofType('BomLine');
      for (const line of lines) {
        const assembly = index.get(line.value(ASSEMBLY)!);
        assert.ok(
          assembly.values(COMPOSED_OF).some((term) => term.value === line.graph),
          `${assembly.graph} lists ${line.graph}`,
        );
      }
      let links = 0;
      for (const part of index.ofType('Part')) {
        for (const usage of part.values(COMPOSED_OF)) {
          links++;
          assert.equal(index.get(usage.value).value(ASSEMBLY), part.graph, `${usage.value} names ${part.graph} as assembly`);
        }
      }
      assert.equal(links, lines.length);
    });

    for (const provider of PROVIDERS) {
      it(`${provider} has one top assembly per variant`, () => {
        assert.equal(topAssemblies(index, provider).length, scale);
      });

      it(`${provider} EBOM has exactly five levels`, () => {
        const children = ebomChildren(index, provider);
        for (const top of topAssemblies(index, provider)) {
          assert.equal(depthBelow(children, top), 4, `levels 0 to 4 below ${top}`);
        }
      });

      it(`${provider} BOM has no cycles`, () => {
        const all = new Map<string, string[]>();
        for (const line of index.ofType('BomLine', provider)) {
          const list = all.get(line.value(ASSEMBLY)!) ?? [];
          list.push(line.value(CHILD)!);
          all.set(line.value(ASSEMBLY)!, list);
        }
        for (const assembly of all.keys()) {
          assert.doesNotThrow(() => depthBelow(all, assembly));
        }
      });

      it(`${provider} has one MBOM per variant`, () => {
        const mbomLines = index.ofType('BomLine', provider).filter((line) => isView(line, 'MBOM'));
        const assemblies = new Set(mbomLines.map((line) => line.value(ASSEMBLY)));
        assert.equal(assemblies.size, scale);
        assert.ok(mbomLines.some((line) => line.value(`${NS.dt}unitOfMeasure`) === `${NS.unit}KiloGM`), 'MBOM lists consumables by mass');
      });
    }
  });
}

describe('BOM line details', () => {
  const index = sampleIndex();
  const lines = index.ofType('BomLine');

  it('reference designators count the quantity', () => {
    const withDesignators = lines.filter((line) => line.values(`${NS.dt}referenceDesignator`).length > 0);
    assert.ok(withDesignators.length >= 40, `${withDesignators.length} lines with reference designators`);
    for (const line of withDesignators) {
      assert.equal(line.values(`${NS.dt}referenceDesignator`).length, Number(line.value(`${NS.dt}quantity`)), line.graph);
    }
  });

  it('reference designators are unique per assembly', () => {
    const seen = new Map<string, Set<string>>();
    for (const line of lines) {
      const assembly = line.value(ASSEMBLY)!;
      const designators = seen.get(assembly) ?? new Set<string>();
      for (const designator of line.values(`${NS.dt}referenceDesignator`)) {
        assert.ok(!designators.has(designator.value), `${designator.value} repeats in ${assembly}`);
        designators.add(designator.value);
      }
      seen.set(assembly, designators);
    }
  });

  it('quantities are mostly whole and some in metres', () => {
    const units = lines.map((line) => line.value(`${NS.dt}unitOfMeasure`));
    const metres = units.filter((unit) => unit === `${NS.unit}M`).length;
    const pieces = units.filter((unit) => unit === `${NS.unit}NUM`).length;
    assert.ok(metres >= 5, `${metres} lines in metres`);
    assert.ok(pieces > 0.8 * lines.length, `${pieces} of ${lines.length} lines in pieces`);
    for (const line of lines.filter((candidate) => candidate.value(`${NS.dt}unitOfMeasure`) === `${NS.unit}NUM`)) {
      assert.ok(Number.isInteger(Number(line.value(`${NS.dt}quantity`))), `${line.graph} has a whole quantity`);
    }
  });

  it('find numbers are unique per assembly and view', () => {
    const seen = new Set<string>();
    for (const line of lines) {
      const key = `${line.value(ASSEMBLY)} ${line.value(VIEW)} ${line.value(`${NS.dt}findNumber`)}`;
      assert.ok(!seen.has(key), `duplicate find number: ${key}`);
      seen.add(key);
    }
  });

  it('effectivity uses dates and serial ranges', () => {
    const valueTypes = new Set<string>();
    let withEndItem = 0;
    for (const resource of [...lines, ...index.ofType('Part')]) {
      for (const node of resource.values(`${NS.oslc_plm}effectivity`)) {
        valueTypes.add(resource.value(`${NS.oslc_plm}effectiveValueType`, node.value)!);
        if (resource.value(`${NS.oslc_plm}effectiveForEndItem`, node.value) !== undefined) {
          withEndItem++;
        }
      }
    }
    assert.deepEqual([...valueTypes].sort(), [`${NS.oslc_plm}Date`, `${NS.oslc_plm}SerialNumber`]);
    assert.ok(withEndItem > 0);
  });
});
