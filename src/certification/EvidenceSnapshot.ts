import { DCTERMS, DT, OSLC, OSLC_PLM, OSLC_QM, OSLC_RM, PROV, RDF_TYPE } from '../rdf/namespaces.js';
import { selectRows } from '../store/TsvResults.js';
import type { TripleStore } from '../store/TripleStore.js';

/** Identity of a resource as reports show it. */
export interface ResourceRef {
  iri: string;
  identifier: string;
  title: string;
}

export interface RequirementRecord extends ResourceRef {
  /** Local name of dt:assuranceLevel's value (LevelA), when the requirement has one. */
  levelIri?: string;
  /** True for a heading of an imported document (dt:heading), which is no requirement to verify. */
  heading?: true;
  created: string;
}

export interface TestCaseRecord extends ResourceRef {
  created: string;
}

export interface TestResultRecord extends ResourceRef {
  testCase: string;
  verdict: string;
  ended?: string;
  created: string;
}

export interface ArtifactRecord extends ResourceRef {
  kindIri: string;
  standardIri: string;
  levelIri: string;
  version: string;
  sha256?: string;
  item?: string;
  created: string;
  modified: string;
}

export interface ReviewRecord extends ResourceRef {
  artifact: string;
  reviewedVersion: string;
  reviewedSha256?: string;
  independent: boolean;
  outcomeIri: string;
  completed: string;
  created: string;
}

/** A link between two resources of the provider: from a subject to an object by one property. */
export type Link = readonly [subject: string, object: string];

/**
 * Everything the traceability analysis reads about one service provider, fetched with one bulk
 * SPARQL query per resource type and one for all links, not one query per resource.
 */
export interface EvidenceSnapshot {
  providerIri: string;
  requirements: RequirementRecord[];
  testCases: TestCaseRecord[];
  testResults: TestResultRecord[];
  artifacts: ArtifactRecord[];
  reviews: ReviewRecord[];
  parts: ResourceRef[];
  /** Links by property IRI (oslc_rm:decomposes, oslc_rm:validatedBy, dt:covers, ...). */
  links: Map<string, Link[]>;
}

/** The link properties the analysis follows. */
export const LINK_PROPERTIES = {
  decomposes: OSLC_RM('decomposes'),
  satisfiedBy: OSLC_RM('satisfiedBy'),
  validatedBy: OSLC_RM('validatedBy'),
  validatesRequirement: OSLC_QM('validatesRequirement'),
  covers: DT('covers'),
  satisfiesObjective: DT('satisfiesObjective'),
} as const;

/** Properties that some resources lack, read with one query for all of them. */
const OPTIONAL_PROPERTIES = {
  assuranceLevel: DT('assuranceLevel'),
  endedAtTime: PROV('endedAtTime'),
  sha256: DT('sha256'),
  item: DT('item'),
  reviewedSha256: DT('reviewedSha256'),
  heading: DT('heading'),
} as const;

const iri = (value: string): string => `<${value}>`;

/**
 * What the snapshot reads from: a store, or an adapter that runs the queries elsewhere (the HTTP layer
 * runs them on the SPARQL worker threads, so a large analysis does not stall other requests).
 */
export type EvidenceSource = Pick<TripleStore, 'queryText'>;

/** Reads the evidence of the provider: eight SELECT queries over the resources' own graphs. */
export async function readEvidenceSnapshot(store: EvidenceSource, providerIri: string): Promise<EvidenceSnapshot> {
  const ownGraph = (type: string, patterns: string): string =>
    `GRAPH ?s { ?s ${iri(RDF_TYPE)} ${iri(type)} ; ${iri(OSLC('serviceProvider'))} ${iri(providerIri)} ; ${iri(DCTERMS('identifier'))} ?id ; ${iri(DCTERMS('title'))} ?title ; ${iri(DCTERMS('created'))} ?created . ${patterns} }`;
  const required = (predicate: string, variable: string): string => `?s ${iri(predicate)} ?${variable} .`;
  const select = (variables: string, where: string): Promise<string[][]> => selectRows(store, `SELECT ${variables} WHERE { ${where} }`);

  const [requirementRows, testCaseRows, resultRows, artifactRows, reviewRows, partRows, linkRows, optionalRows] = await Promise.all([
    select('?s ?id ?title ?created', ownGraph(OSLC_RM('Requirement'), '')),
    select('?s ?id ?title ?created', ownGraph(OSLC_QM('TestCase'), '')),
    select(
      '?s ?id ?title ?created ?testCase ?verdict',
      ownGraph(OSLC_QM('TestResult'), `${required(OSLC_QM('reportsOnTestCase'), 'testCase')} ${required(OSLC_QM('status'), 'verdict')}`),
    ),
    select(
      '?s ?id ?title ?created ?kind ?standard ?level ?version ?modified',
      ownGraph(
        DT('CertificationArtifact'),
        `${required(DT('artifactKind'), 'kind')} ${required(DT('standard'), 'standard')} ${required(DT('assuranceLevel'), 'level')} ${required(DT('version'), 'version')} ${required(DCTERMS('modified'), 'modified')}`,
      ),
    ),
    select(
      '?s ?id ?title ?created ?artifact ?version ?independent ?outcome ?completed',
      ownGraph(
        DT('Review'),
        `${required(DT('reviewOf'), 'artifact')} ${required(DT('reviewedVersion'), 'version')} ${required(DT('independent'), 'independent')} ${required(DT('reviewOutcome'), 'outcome')} ${required(PROV('endedAtTime'), 'completed')}`,
      ),
    ),
    select('?s ?id ?title ?created', ownGraph(OSLC_PLM('Part'), '')),
    select(
      '?s ?p ?o',
      `VALUES ?p { ${Object.values(LINK_PROPERTIES).map(iri).join(' ')} } GRAPH ?s { ?s ?p ?o ; ${iri(OSLC('serviceProvider'))} ${iri(providerIri)} }`,
    ),
    // Optional properties come in one query of their own: OPTIONAL in the queries above doubles their time.
    select('?s ?p ?o', `VALUES ?p { ${Object.values(OPTIONAL_PROPERTIES).map(iri).join(' ')} } GRAPH ?s { ?s ?p ?o ; ${iri(OSLC('serviceProvider'))} ${iri(providerIri)} }`),
  ]);
  const optionalValues = new Map<string, string>();
  for (const [subject, property, object] of optionalRows) {
    optionalValues.set(`${subject} ${property}`, object!);
  }
  const optionalValue = (subject: string, property: string): string | undefined => optionalValues.get(`${subject} ${property}`);

  const links = new Map<string, Link[]>(Object.values(LINK_PROPERTIES).map((property) => [property, []]));
  for (const [subject, property, object] of linkRows) {
    links.get(property!)!.push([subject!, object!]);
  }
  const ref = (row: string[]): ResourceRef => ({ iri: row[0]!, identifier: row[1]!, title: row[2]! });

  return {
    providerIri,
    requirements: uniqueBySubject(requirementRows).map((row) => withHeading(withOptional({ ...ref(row), created: row[3]! }, 'levelIri', optionalValue(row[0]!, OPTIONAL_PROPERTIES.assuranceLevel)), optionalValue(row[0]!, OPTIONAL_PROPERTIES.heading))),
    testCases: uniqueBySubject(testCaseRows).map((row) => ({ ...ref(row), created: row[3]! })),
    testResults: uniqueBySubject(resultRows).map((row) => withOptional({ ...ref(row), created: row[3]!, testCase: row[4]!, verdict: row[5]! }, 'ended', optionalValue(row[0]!, OPTIONAL_PROPERTIES.endedAtTime))),
    artifacts: uniqueBySubject(artifactRows).map((row) =>
      withOptional(
        withOptional(
          { ...ref(row), created: row[3]!, kindIri: row[4]!, standardIri: row[5]!, levelIri: row[6]!, version: row[7]!, modified: row[8]! },
          'sha256',
          optionalValue(row[0]!, OPTIONAL_PROPERTIES.sha256),
        ),
        'item',
        optionalValue(row[0]!, OPTIONAL_PROPERTIES.item),
      ),
    ),
    reviews: uniqueBySubject(reviewRows).map((row) =>
      withOptional(
        { ...ref(row), created: row[3]!, artifact: row[4]!, reviewedVersion: row[5]!, independent: row[6] === 'true' || row[6] === '1', outcomeIri: row[7]!, completed: row[8]! },
        'reviewedSha256',
        optionalValue(row[0]!, OPTIONAL_PROPERTIES.reviewedSha256),
      ),
    ),
    parts: uniqueBySubject(partRows).map(ref),
    links,
  };
}

/**
 * Keeps the first row of each subject. Shapes allow one value of each property these queries
 * read, but data written through SPARQL Update skips validation and may repeat one.
 */
function uniqueBySubject(rows: string[][]): string[][] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row[0]!)) {
      return false;
    }
    seen.add(row[0]!);
    return true;
  });
}

function withOptional<T extends object, K extends string>(record: T, key: K, value: string | undefined): T & Partial<Record<K, string>> {
  return value === undefined ? record : { ...record, [key]: value };
}

/** Marks a requirement as a heading when its dt:heading is true; records without the mark stay as they were. */
function withHeading(record: RequirementRecord, heading: string | undefined): RequirementRecord {
  return heading === 'true' || heading === '1' ? { ...record, heading: true } : record;
}
