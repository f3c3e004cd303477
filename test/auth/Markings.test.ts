import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataFactory } from 'n3';
import { describeMarking, levelOfClearances, levelOfNTriples, markingOf } from '../../src/auth/ExportControl.js';
import { MarkingIndex } from '../../src/auth/MarkingIndex.js';
import { EmbeddedStore } from '../../src/store/embedded/EmbeddedStore.js';
import { temporaryDirectory } from '../helpers/temporaryDirectory.js';

const { namedNode, literal, quad } = DataFactory;
const DT = 'https://w3id.org/digital-thread/ns#';
const PART = 'http://example.org/oslc/sp/fcc/parts/P-1';

function marked(subject: string, regime: string, extra: [string, string][] = []) {
  return [quad(namedNode(subject), namedNode(`${DT}exportControl`), namedNode(`${DT}${regime}`)), ...extra.map(([property, value]) => quad(namedNode(subject), namedNode(`${DT}${property}`), literal(value)))];
}

describe('export-control markings', () => {
  it('clearances give levels', () => {
    assert.equal(levelOfClearances([]), 0);
    assert.equal(levelOfClearances(['EAR99']), 1);
    assert.equal(levelOfClearances(['EAR']), 2);
    assert.equal(levelOfClearances(['EAR99', 'ITAR']), 3);
  });

  it('marking of a resource', () => {
    assert.deepEqual(markingOf([], PART), { level: 0 });
    const itar = markingOf(marked(PART, 'ITAR', [['usmlCategory', 'XI(a)(3)']]), PART);
    assert.equal(itar.level, 3);
    assert.equal(describeMarking(itar), 'ITAR (USML XI(a)(3))');
    assert.equal(describeMarking(markingOf(marked(PART, 'EAR', [['eccn', '7A994']]), PART)), 'EAR (ECCN 7A994)');
    assert.equal(markingOf(marked(`${PART}#x`, 'ITAR'), PART).level, 0, 'another subject does not mark the resource');
    assert.equal(markingOf(marked(`${PART}#x`, 'ITAR')).level, 3, 'without a subject every marking counts');
  });

  it('unknown regime counts as ITAR', () => {
    assert.equal(markingOf(marked(PART, 'SECRET'), PART).level, 3);
    assert.equal(levelOfNTriples(PART, `<${PART}> <${DT}exportControl> <${DT}SECRET> .\n`), 3);
  });

  it('level from N-Triples', () => {
    const text = `<${PART}> <http://purl.org/dc/terms/title> "x" .\n<${PART}> <${DT}exportControl> <${DT}EAR99> .\n`;
    assert.equal(levelOfNTriples(PART, text), 1);
    assert.equal(levelOfNTriples(PART, `<${PART}/other> <${DT}exportControl> <${DT}ITAR> .\n`), 0);
    assert.equal(levelOfNTriples(PART, `<${PART}> <${DT}exportControl> "ITAR" .\n`), 3, 'a literal value fails closed');
    assert.equal(levelOfNTriples(PART, ''), 0);
  });
});

describe('marking index', () => {
  const directory = temporaryDirectory('dt-markings-');
  let store: EmbeddedStore;
  let index: MarkingIndex;

  before(async () => {
    store = new EmbeddedStore({ directory: directory.path });
    await store.open();
    await store.commit([{ graph: PART, quads: marked(PART, 'EAR') }]);
    index = new MarkingIndex(store);
    await index.start();
  });

  after(async () => {
    await store.close();
    directory.remove();
  });

  it('reads markings at start', () => {
    assert.equal(index.levelOf(PART), 2);
    assert.equal(index.levelOf('http://example.org/unknown'), 0);
  });

  it('fails closed until a change is read', async () => {
    const other = 'http://example.org/oslc/sp/fcc/parts/P-2';
    // Listeners run in the commit's turn, after the index's own, so this sees what a request would see then.
    let levelDuringCommit: number | undefined;
    const stop = store.onChange(() => {
      levelDuringCommit = index.levelOf(other);
    });
    await store.commit([{ graph: other, quads: [quad(namedNode(other), namedNode('http://purl.org/dc/terms/title'), literal('plain'))] }]);
    stop();
    assert.equal(levelDuringCommit, 3, 'a changed graph is ITAR until read');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(index.levelOf(other), 0);
  });

  it('follows raised and removed markings', async () => {
    await store.commit([{ graph: PART, quads: marked(PART, 'ITAR') }]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(index.levelOf(PART), 3);
    assert.deepEqual(index.graphsAbove(2), [PART]);
    await store.commit([{ graph: PART, quads: null }]);
    assert.equal(index.levelOf(PART), 0);
  });
});
