import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataFactory, Parser, Store } from 'n3';
import { Validator } from 'shacl-engine';
import type { Quad, Term } from '@rdfjs/types';
import { readRdfFile } from '../../src/load/RdfFileSource.js';
import { DT, RDF, RDF_TYPE, XSD } from '../../src/rdf/namespaces.js';
import { nodeShapeIri } from '../../src/shapes/ShaclCompiler.js';
import { FocusData, ShaclScreen } from '../../src/shapes/ShaclScreen.js';
import { ShapeValidator } from '../../src/shapes/ShapeValidator.js';
import { projectShapes, TEST_BASE } from '../helpers/shapes.js';

const { namedNode, literal, quad } = DataFactory;

const DESCRIPTION = 'http://purl.org/dc/terms/description';
const XHTML_DIV = '<div xmlns="http://www.w3.org/1999/xhtml"><p>The pump <b>shall</b> start.</p></div>';

/** Changes that break or keep a resource's conformance, applied to real sample resources. */
const MUTATIONS: [string, (quads: Quad[], subject: Term) => Quad[]][] = [
  ['drop the title', (quads) => quads.filter((candidate) => candidate.predicate.value !== 'http://purl.org/dc/terms/title')],
  ['add a second title', (quads, subject) => [...quads, quad(subject as never, namedNode('http://purl.org/dc/terms/title'), literal('Other'))]],
  ['empty the title', (quads) => quads.map((candidate) => (candidate.predicate.value === 'http://purl.org/dc/terms/title' ? quad(candidate.subject, candidate.predicate, literal('')) : candidate))],
  ['title with a language', (quads) => quads.map((candidate) => (candidate.predicate.value === 'http://purl.org/dc/terms/title' ? quad(candidate.subject, candidate.predicate, literal('Titre', 'fr')) : candidate))],
  ['literal as a link', (quads) => quads.map((candidate) => (candidate.object.termType === 'NamedNode' && candidate.predicate.value !== RDF_TYPE ? quad(candidate.subject, candidate.predicate, literal(candidate.object.value)) : candidate))],
  ['month 13 in a date', (quads) => quads.map((candidate) => (candidate.object.termType === 'Literal' && (candidate.object as { datatype: Term }).datatype.value === XSD('dateTime') ? quad(candidate.subject, candidate.predicate, literal('2026-13-01T00:00:00Z', namedNode(XSD('dateTime')))) : candidate))],
  ['zero quantity', (quads) => quads.map((candidate) => (candidate.predicate.value === DT('quantity') ? quad(candidate.subject, candidate.predicate, literal('0', namedNode(XSD('decimal')))) : candidate))],
  ['text quantity', (quads) => quads.map((candidate) => (candidate.predicate.value === DT('quantity') ? quad(candidate.subject, candidate.predicate, literal('two', namedNode(XSD('decimal')))) : candidate))],
  ['EAR without ECCN', (quads, subject) => [...quads.filter((candidate) => candidate.predicate.value !== DT('exportControl') && candidate.predicate.value !== DT('eccn')), quad(subject as never, namedNode(DT('exportControl')), namedNode(DT('EAR')))]],
  ['EAR with ECCN', (quads, subject) => [...quads.filter((candidate) => candidate.predicate.value !== DT('exportControl') && candidate.predicate.value !== DT('eccn')), quad(subject as never, namedNode(DT('exportControl')), namedNode(DT('EAR'))), quad(subject as never, namedNode(DT('eccn')), literal('7A994'))]],
  ['long find number', (quads, subject) => [...quads.filter((candidate) => candidate.predicate.value !== DT('findNumber')), quad(subject as never, namedNode(DT('findNumber')), literal('X'.repeat(17)))]],
  ['rich-text description', (quads, subject) => [...withoutDescription(quads), quad(subject as never, namedNode(DESCRIPTION), literal(XHTML_DIV, namedNode(RDF('XMLLiteral'))))]],
  ['rich-text part number', (quads) => quads.map((candidate) => (candidate.predicate.value === DT('partNumber') ? quad(candidate.subject, candidate.predicate, literal(XHTML_DIV, namedNode(RDF('XMLLiteral')))) : candidate))],
  ['unchanged', (quads) => quads],
];

function withoutDescription(quads: Quad[]): Quad[] {
  return quads.filter((candidate) => candidate.predicate.value !== DESCRIPTION);
}

describe('ShaclScreen', async () => {
  const registry = projectShapes();
  const shacl = registry.allShacl();
  const screen = new ShaclScreen(shacl);
  const engine = new Validator(new Store(shacl), { factory: DataFactory });
  const graphs = await readRdfFile(join(process.cwd(), 'fixtures', 'sample-programme', 'fcc.trig'), { baseIri: TEST_BASE });

  const engineConforms = async (shapeIri: string, subject: Term, quads: readonly Quad[]): Promise<boolean> => {
    const report = (await engine.validate({ dataset: new Store(quads as Quad[]), terms: [subject] }, [{ terms: [namedNode(shapeIri)] }])) as { conforms: boolean };
    return report.conforms;
  };

  it('passes every conforming sample resource', async () => {
    // Imports write these types in bulk, so the screen must decide them; for other types it may leave
    // constraints it does not read, such as sh:lessThan, to the engine.
    const imported = new Set(['Part', 'BomLine', 'Requirement']);
    let screened = 0;
    for (const graph of graphs) {
      const shape = registry.byClass(graph.quads.filter((candidate) => candidate.predicate.value === RDF_TYPE).map((candidate) => candidate.object.value));
      if (shape === undefined) {
        continue;
      }
      const subject = namedNode(graph.graph);
      const verdict = screen.conforms(namedNode(nodeShapeIri(shape)), subject, new FocusData(graph.quads));
      if (imported.has(shape.name)) {
        assert.equal(verdict, true, `${graph.graph} (${shape.name})`);
        screened++;
      } else {
        assert.notEqual(verdict, false, `${graph.graph} (${shape.name})`);
      }
    }
    assert.ok(screened > 300, `only ${screened} resources screened`);
  });

  it('never passes what the engine rejects', async () => {
    let rejected = 0;
    for (const graph of graphs.slice(0, 400)) {
      const shape = registry.byClass(graph.quads.filter((candidate) => candidate.predicate.value === RDF_TYPE).map((candidate) => candidate.object.value));
      if (shape === undefined) {
        continue;
      }
      const subject = namedNode(graph.graph);
      for (const [name, mutate] of MUTATIONS) {
        const quads = mutate([...graph.quads], subject);
        const verdict = screen.conforms(namedNode(nodeShapeIri(shape)), subject, new FocusData(quads));
        const conforms = await engineConforms(nodeShapeIri(shape), subject, quads);
        if (verdict === true) {
          assert.ok(conforms, `screen passed ${graph.graph} after "${name}" but the engine rejects it`);
        }
        if (verdict === false) {
          assert.ok(!conforms, `screen rejected ${graph.graph} after "${name}" but the engine accepts it`);
        }
        if (!conforms) {
          rejected++;
        }
      }
    }
    assert.ok(rejected > 500, `the mutations broke only ${rejected} resources`);
  });

  it('decides rich-text requirements', async () => {
    // Imported requirements hold rich text as rdf:XMLLiteral. The screen decides them as the engine does.
    const shape = registry.byName('Requirement')!;
    const requirements = graphs.filter((graph) => graph.graph.includes('/requirements/')).slice(0, 10);
    assert.equal(requirements.length, 10);
    for (const graph of requirements) {
      const subject = namedNode(graph.graph);
      const quads = [...withoutDescription([...graph.quads]), quad(subject, namedNode(DESCRIPTION), literal(XHTML_DIV, namedNode(RDF('XMLLiteral'))))];
      assert.equal(screen.conforms(namedNode(nodeShapeIri(shape)), subject, new FocusData(quads)), true, graph.graph);
      assert.equal(await engineConforms(nodeShapeIri(shape), subject, quads), true, graph.graph);
    }
  });

  it('leaves unknown constraints to the engine', () => {
    const turtle = `@prefix sh: <http://www.w3.org/ns/shacl#> .
      <urn:s> a sh:NodeShape ; sh:property [ sh:path <urn:p> ; sh:uniqueLang true ] .`;
    const custom = new ShaclScreen(new Parser().parse(turtle) as Quad[]);
    const data = new FocusData([quad(namedNode('urn:x'), namedNode('urn:p'), literal('a'))]);
    assert.equal(custom.conforms(namedNode('urn:s'), namedNode('urn:x'), data), undefined);
  });

  it('validateMany matches validate', async () => {
    const validator = new ShapeValidator(registry);
    const shape = registry.byName('Part')!;
    const parts = graphs.filter((graph) => graph.graph.includes('/parts/')).slice(0, 20);
    const resources = parts.map((graph, index) => {
      const subject = namedNode(graph.graph);
      const quads = index % 2 === 0 ? MUTATIONS[0]![1]([...graph.quads], subject) : [...graph.quads];
      return { subject, quads };
    });
    const many = await validator.validateMany(shape, resources);
    for (const [index, resource] of resources.entries()) {
      assert.deepEqual(many[index], await validator.validate(shape, resource.subject, resource.quads), resource.subject.value);
    }
    assert.ok(many[0]!.length > 0);
    assert.equal(many[1]!.length, 0);
  });
});
