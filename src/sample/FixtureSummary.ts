import type { GeneratedResource } from './CommonQuads.js';
import { RESOURCE_TYPES, RESOURCE_TYPE_NAMES, type ResourceTypeName } from './ResourceTypes.js';
import { P } from './Terms.js';

/** A resource picked as an example in the fixture README. */
export interface ExampleResource {
  iri: string;
  identifier: string;
  title: string;
  detail: string;
}

/** Kinds of examples the README lists, in the order it lists them. */
export const EXAMPLE_KINDS = [
  'ITAR part',
  'EAR part',
  'MBOM line',
  'requirement without test case',
  'failed latest run of a test case',
  'open critical NCR',
  'telemetry summary with anomalies',
] as const;

/** Counts and notable examples of one service provider's generated resources. */
export class ProviderSummary {
  readonly counts = new Map<ResourceTypeName, number>();
  triples = 0;
  private readonly found = new Map<string, ExampleResource>();
  /** Latest run of each test case so far, with its verdict; runs are generated oldest first. */
  private readonly latestRuns = new Map<string, { verdict: string; example: ExampleResource }>();
  /** Identifiers of test cases and requirements without test case, in generation order. */
  private readonly testCases = new Map<string, string>();
  private readonly untested: string[] = [];
  /** Artifacts by IRI, for the review checks: identifier, title, kind and current version. */
  private readonly artifacts = new Map<string, { identifier: string; title: string; kind: string; version: string }>();
  private readonly reviewGaps: string[] = [];

  constructor(readonly provider: string) {}

  /** Counts the resource and keeps it as the first example of each notable kind it matches. */
  add(resource: GeneratedResource): void {
    this.triples += resource.quads.length;
    const type = typeOf(resource.graph);
    if (type === undefined) {
      return;
    }
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    const values = new Map<string, string[]>();
    for (const quad of resource.quads) {
      if (quad.subject.value === resource.graph) {
        const list = values.get(quad.predicate.value) ?? [];
        list.push(quad.object.value);
        values.set(quad.predicate.value, list);
      }
    }
    const first = (predicate: { value: string }): string | undefined => values.get(predicate.value)?.[0];
    const example = (detail: string): ExampleResource => ({
      iri: resource.graph,
      identifier: first(P.identifier) ?? '',
      title: first(P.title) ?? '',
      detail,
    });
    const keep = (kind: (typeof EXAMPLE_KINDS)[number], detail: string): void => {
      if (!this.found.has(kind)) {
        this.found.set(kind, example(detail));
      }
    };

    const usml = first(P.usmlCategory);
    const eccn = first(P.eccn);
    if (type === 'Part' && usml !== undefined) {
      keep('ITAR part', `part number ${first(P.partNumber)}, USML ${usml}`);
    }
    if (type === 'Part' && eccn !== undefined) {
      keep('EAR part', `part number ${first(P.partNumber)}, ECCN ${eccn}`);
    }
    const testCase = first(P.reportsOnTestCase);
    if (type === 'TestResult' && testCase !== undefined) {
      const verdict = first(P.verdict) ?? '';
      this.latestRuns.set(testCase, { verdict, example: example(`${verdict}: ${first(P.description) ?? ''}`) });
    }
    if (type === 'NonConformanceReport' && first(P.status) === 'Open' && first(P.severity)?.endsWith('#Critical')) {
      keep('open critical NCR', `defect code ${first(P.defectCode)}`);
    }
    if (type === 'Requirement' && first(P.validatedBy) === undefined) {
      keep('requirement without test case', first(P.description) ?? '');
      this.untested.push(first(P.identifier) ?? '');
    }
    if (type === 'TestCase') {
      this.testCases.set(resource.graph, first(P.identifier) ?? '');
    }
    if (type === 'CertificationArtifact') {
      this.artifacts.set(resource.graph, { identifier: first(P.identifier) ?? '', title: first(P.title) ?? '', kind: first(P.artifactKind) ?? '', version: first(P.version) ?? '' });
    }
    if (type === 'Review') {
      this.noteReviewGap(first(P.identifier) ?? '', this.artifacts.get(first(P.reviewOf) ?? ''), first(P.reviewedVersion), first(P.independent));
    }
    if (type === 'TelemetrySummary' && Number(first(P.anomalyCount) ?? 0) > 0) {
      keep('telemetry summary with anomalies', `${first(P.anomalyCount)} anomalies, maximum ${first(P.maximum)}`);
    }
    if (type === 'BomLine' && first(P.bomView)?.endsWith('#MBOM')) {
      keep('MBOM line', `find number ${first(P.findNumber)}`);
    }
  }

  /**
   * Records the planted review gaps: a review of an older version (stale evidence), and a review of a
   * review record by the author's own team (its objectives lack independence).
   */
  private noteReviewGap(review: string, artifact: { identifier: string; title: string; kind: string; version: string } | undefined, reviewedVersion: string | undefined, independent: string | undefined): void {
    if (artifact === undefined) {
      return;
    }
    if (reviewedVersion !== artifact.version) {
      this.reviewGaps.push(`stale evidence: ${artifact.identifier} "${artifact.title}" is at version ${artifact.version}, ${review} approved ${reviewedVersion}`);
    }
    if (independent === 'false' && artifact.kind.endsWith('#ReviewRecord')) {
      this.reviewGaps.push(`objective without independent review: ${artifact.identifier} "${artifact.title}" was reviewed (${review}) by its author's team`);
    }
  }

  /** Returns the gaps the generator planted, one line each, in the order the gap report lists them. */
  knownGaps(): string[] {
    const ran = new Set(this.latestRuns.keys());
    const notRun = [...this.testCases].filter(([iri]) => !ran.has(iri)).map(([, identifier]) => identifier);
    const notPassing = [...this.latestRuns].filter(([, run]) => run.verdict !== 'passed').map(([iri, run]) => `${this.testCases.get(iri)} (${run.verdict})`);
    const lines: string[] = [];
    if (this.untested.length > 0) lines.push(`requirements without test case: ${this.untested.join(', ')}`);
    if (notRun.length > 0) lines.push(`test cases never run: ${notRun.join(', ')}`);
    if (notPassing.length > 0) lines.push(`test cases whose latest run did not pass: ${notPassing.sort().join(', ')}`);
    return [...lines, ...this.reviewGaps];
  }

  /** Returns the examples found, in the order of EXAMPLE_KINDS; kinds without an example are left out. */
  examples(): Array<[string, ExampleResource]> {
    const failing = [...this.latestRuns.values()].find((run) => run.verdict === 'failed');
    const examples: Array<[string, ExampleResource]> = [];
    for (const kind of EXAMPLE_KINDS) {
      const example = kind === 'failed latest run of a test case' ? failing?.example : this.found.get(kind);
      if (example !== undefined) {
        examples.push([kind, example]);
      }
    }
    return examples;
  }
}

function typeOf(iri: string): ResourceTypeName | undefined {
  const segment = iri.split('/')[3];
  return RESOURCE_TYPE_NAMES.find((name) => RESOURCE_TYPES[name].pathSegment === segment);
}
