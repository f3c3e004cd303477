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
    }
    if (type === 'TelemetrySummary' && Number(first(P.anomalyCount) ?? 0) > 0) {
      keep('telemetry summary with anomalies', `${first(P.anomalyCount)} anomalies, maximum ${first(P.maximum)}`);
    }
    if (type === 'BomLine' && first(P.bomView)?.endsWith('#MBOM')) {
      keep('MBOM line', `find number ${first(P.findNumber)}`);
    }
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
