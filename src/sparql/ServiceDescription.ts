import type { Quad } from '@rdfjs/types';
import { GraphBuilder } from '../rdf/GraphBuilder.js';
import { DCTERMS, RDF_TYPE } from '../rdf/namespaces.js';

const SD = 'http://www.w3.org/ns/sparql-service-description#';
const FORMATS = 'http://www.w3.org/ns/formats/';

/**
 * The SPARQL 1.1 Service Description of the query and update endpoints: languages, result formats,
 * and the default dataset, whose default graph is the union of all named graphs.
 */
export function serviceDescription(queryEndpoint: string, updateEndpoint: string): Quad[] {
  const graph = new GraphBuilder();
  graph.type(queryEndpoint, `${SD}Service`);
  graph.add(queryEndpoint, `${SD}endpoint`, queryEndpoint);
  graph.literal(queryEndpoint, DCTERMS('title'), 'Digital thread SPARQL endpoint');
  graph.add(queryEndpoint, `${SD}supportedLanguage`, `${SD}SPARQL11Query`);
  graph.add(queryEndpoint, `${SD}feature`, `${SD}UnionDefaultGraph`);
  // sd:resultFormat applies to the whole service, so the description names the query forms of each format.
  graph.literal(
    queryEndpoint,
    DCTERMS('description'),
    'SPARQL JSON and XML results serve SELECT and ASK queries; CSV and TSV results serve SELECT only, because those formats define no form for a boolean; Turtle, N-Triples, RDF/XML and JSON-LD serve CONSTRUCT and DESCRIBE.',
  );
  for (const format of ['SPARQL_Results_JSON', 'SPARQL_Results_XML', 'SPARQL_Results_CSV', 'SPARQL_Results_TSV', 'Turtle', 'N-Triples', 'RDF_XML', 'JSON-LD']) {
    graph.add(queryEndpoint, `${SD}resultFormat`, FORMATS + format);
  }

  const dataset = graph.blank();
  const defaultGraph = graph.blank();
  graph.add(queryEndpoint, `${SD}defaultDataset`, dataset);
  graph.add(dataset, RDF_TYPE, `${SD}Dataset`);
  graph.add(dataset, `${SD}defaultGraph`, defaultGraph);
  graph.add(defaultGraph, RDF_TYPE, `${SD}Graph`);
  graph.literal(defaultGraph, DCTERMS('description'), 'The union of all named graphs; every OSLC resource is a named graph whose name is the resource IRI.');

  graph.type(updateEndpoint, `${SD}Service`);
  graph.add(updateEndpoint, `${SD}endpoint`, updateEndpoint);
  graph.literal(updateEndpoint, DCTERMS('title'), 'Digital thread SPARQL update endpoint (administrators only)');
  graph.add(updateEndpoint, `${SD}supportedLanguage`, `${SD}SPARQL11Update`);
  return graph.quads;
}
