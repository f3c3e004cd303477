import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { DataFactory, Parser, Writer } from 'n3';
import type { Quad, Term } from '@rdfjs/types';
import { renderFixtures } from '../../src/sample/Fixtures.js';
import { generateProgramme, SAMPLE_SEED, scaleForTripleCount, type GeneratedResource } from '../../src/sample/ProgrammeGenerator.js';
import { REPOSITORY_ROOT, SERVER_BASE, resolveIri } from './ShapeModel.js';

const FIXTURES = new URL('fixtures/sample-programme/', REPOSITORY_ROOT);

/** Serializes generated resources as N-Quads with each resource's graph, for byte comparison. */
function toNQuads(resources: Iterable<GeneratedResource>): string {
  const writer = new Writer({ format: 'N-Quads' });
  let text = '';
  for (const resource of resources) {
    for (const quad of resource.quads) {
      text += `${resource.graph} ${writer.quadToString(quad.subject, quad.predicate, quad.object)}`;
    }
  }
  return text;
}

/** Formats a term for comparison, writing every blank node as _:b because parsers relabel them. */
function termText(term: Term): string {
  if (term.termType === 'BlankNode') {
    return '_:b';
  }
  if (term.termType === 'Literal') {
    return `${JSON.stringify(term.value)}^^${term.datatype.value}@${term.language}`;
  }
  return `<${term.value}>`;
}

/** Sorted lines for comparing quad sets regardless of order and blank node labels. */
function canonicalLines(quads: Quad[]): string[] {
  return quads.map((quad) => [quad.graph, quad.subject, quad.predicate, quad.object].map(termText).join(' ')).sort();
}

/** Returns the generated quads as a loader stores them: relative IRIs resolved, each in its resource's graph. */
function resolvedQuads(resource: GeneratedResource): Quad[] {
  const resolve = <T extends Term>(term: T): T =>
    (term.termType === 'NamedNode' ? DataFactory.namedNode(resolveIri(term.value)) : term) as T;
  const graph = DataFactory.namedNode(resolveIri(resource.graph));
  return resource.quads.map((quad) => DataFactory.quad(resolve(quad.subject), quad.predicate, resolve(quad.object), graph));
}

describe('determinism', () => {
  it('same seed gives identical output', () => {
    const first = toNQuads(generateProgramme({ seed: 7, scale: 2 }));
    const second = toNQuads(generateProgramme({ seed: 7, scale: 2 }));
    assert.equal(first, second);
  });

  it('different seeds give different output', () => {
    assert.notEqual(toNQuads(generateProgramme({ seed: 7, scale: 1 })), toNQuads(generateProgramme({ seed: 8, scale: 1 })));
  });

  it('scale 1 is the first variant of scale 2', () => {
    const scaleOne = [...generateProgramme({ seed: SAMPLE_SEED, scale: 1, providers: ['fcc'] })];
    const scaleTwo = [...generateProgramme({ seed: SAMPLE_SEED, scale: 2, providers: ['fcc'] })];
    assert.equal(toNQuads(scaleTwo.slice(0, scaleOne.length)), toNQuads(scaleOne));
  });

  for (const name of ['fcc.trig', 'eha.trig', 'README.md']) {
    it(`fixture ${name} equals fresh output`, () => {
      const expected = renderFixtures().get(name)!;
      const actual = readFileSync(new URL(name, FIXTURES), 'utf8');
      assert.ok(actual === expected, `fixtures/sample-programme/${name} is stale; run node dist/src/sample/writeFixtures.js`);
    });
  }

  for (const provider of ['fcc', 'eha']) {
    it(`fixture ${provider}.trig parses to the generated quads`, () => {
      const text = readFileSync(new URL(`${provider}.trig`, FIXTURES), 'utf8');
      assert.ok(!text.includes('@base'), 'no @base');
      const parsed = new Parser({ baseIRI: SERVER_BASE }).parse(text);
      const generated: Quad[] = [];
      for (const resource of generateProgramme({ seed: SAMPLE_SEED, scale: 1, providers: [provider] })) {
        generated.push(...resolvedQuads(resource));
      }
      assert.equal(parsed.length, generated.length);
      assert.deepEqual(canonicalLines(parsed), canonicalLines(generated));
    });
  }
});

describe('scale', () => {
  it('scale 3 has about three times the triples of scale 1', () => {
    const count = (scale: number): number => {
      let triples = 0;
      for (const resource of generateProgramme({ seed: SAMPLE_SEED, scale })) {
        triples += resource.quads.length;
      }
      return triples;
    };
    const ratio = count(3) / count(1);
    assert.ok(ratio > 2.6, `ratio ${ratio}`);
    assert.ok(ratio < 3.05, `ratio ${ratio}`);
  });

  it('scale for a triple count is about right', () => {
    const scale = scaleForTripleCount(100_000);
    let triples = 0;
    for (const resource of generateProgramme({ seed: SAMPLE_SEED, scale })) {
      triples += resource.quads.length;
    }
    assert.ok(Math.abs(triples - 100_000) < 10_000, `${triples} triples at scale ${scale}`);
  });

  it('invalid options are rejected', () => {
    assert.throws(() => generateProgramme({ seed: 1, scale: 0 }).next(), /Scale must be a positive integer, got 0/);
    assert.throws(() => generateProgramme({ seed: 1, scale: 1.5 }).next(), /Scale must be a positive integer/);
    assert.throws(() => generateProgramme({ seed: 0.5, scale: 1 }).next(), /Seed must be an integer/);
    assert.throws(() => generateProgramme({ seed: 1, scale: 1, providers: ['xyz'] }).next(), /Unknown programme "xyz"/);
  });
});
