import { BlockContext } from './BlockContext.js';
import { planBomLines } from './BomPlanner.js';
import { planCertification } from './CertificationPlanner.js';
import { certificationResource, reviewResource } from './CertificationQuads.js';
import type { GeneratedResource } from './CommonQuads.js';
import { planNonConformances } from './NonConformancePlanner.js';
import { planParts, type PartRecord } from './PartPlanner.js';
import { PUBLISHER } from './People.js';
import { bomLineResource, partResource } from './PlmQuads.js';
import { EHA_PROGRAMME } from './programmes/eha/EhaProgramme.js';
import { FCC_PROGRAMME } from './programmes/fcc/FccProgramme.js';
import type { ProgrammeDefinition } from './programmes/ProgrammeDefinition.js';
import { nonConformanceResource, telemetryResource } from './QualityQuads.js';
import { planRequirements } from './RequirementPlanner.js';
import { planReviews } from './ReviewPlanner.js';
import { IdentifierSequence, serviceProviderPath } from './ResourceTypes.js';
import { planTelemetry } from './TelemetryPlanner.js';
import { C, P, resourceNode, stringLiteral, term, TripleList } from './Terms.js';
import { planTests } from './TestPlanner.js';
import { requirementResource, testCaseResource, testResultResource } from './VerificationQuads.js';

export type { GeneratedResource } from './CommonQuads.js';

/** The programmes of the sample data set, one OSLC service provider each, in generation order. */
export const PROGRAMMES: readonly ProgrammeDefinition[] = [FCC_PROGRAMME, EHA_PROGRAMME];

/** Seed of the committed fixtures in fixtures/sample-programme. */
export const SAMPLE_SEED = 30090;

export interface GenerateOptions {
  /** Any integer; the same seed and scale always give the same resources in the same order. */
  seed: number;
  /**
   * Positive integer. Scale 1 is the sample programme. Scale n adds n - 1 variants of each programme
   * with their own in-house parts, BOMs, requirements, tests, reports and evidence. The triple count
   * grows about linearly, a little slower because all variants share the standard and purchased parts.
   */
  scale: number;
  /** Keys of the programmes to generate, for example ['fcc']; all of them when absent. */
  providers?: readonly string[];
}

/**
 * Generates the sample aerospace data set resource by resource: for each programme its service
 * provider, then per variant its parts, BOM lines, requirements, test cases, test results, NCRs,
 * telemetry summaries, certification artifacts and their reviews. IRIs are relative to the server base
 * (`oslc/sp/fcc/parts/P-000001`) and every resource's graph is its own IRI.
 *
 * Only one variant is planned at a time, so memory stays bounded by the size of one variant however
 * large the scale is.
 */
export function* generateProgramme(options: GenerateOptions): Generator<GeneratedResource> {
  const { seed, scale } = options;
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`Seed must be an integer, got ${seed}.`);
  }
  if (!Number.isSafeInteger(scale) || scale < 1) {
    throw new RangeError(`Scale must be a positive integer, got ${scale}.`);
  }
  const programmes = selectProgrammes(options.providers);
  for (const programme of programmes) {
    yield serviceProviderResource(programme);
    const identifiers = new IdentifierSequence(programme.key);
    const sharedParts = new Map<string, PartRecord>();
    for (let variant = 0; variant < scale; variant++) {
      yield* generateVariant(new BlockContext(programme, variant, seed, identifiers), sharedParts);
    }
  }
}

function selectProgrammes(providers: readonly string[] | undefined): readonly ProgrammeDefinition[] {
  if (providers === undefined) {
    return PROGRAMMES;
  }
  return providers.map((key) => {
    const programme = PROGRAMMES.find((candidate) => candidate.key === key);
    if (programme === undefined) {
      const known = PROGRAMMES.map((candidate) => candidate.key).join(', ');
      throw new RangeError(`Unknown programme "${key}"; expected one of ${known}.`);
    }
    return programme;
  });
}

function* generateVariant(context: BlockContext, sharedParts: Map<string, PartRecord>): Generator<GeneratedResource> {
  const provider = context.provider;
  const parts = planParts(context, sharedParts);
  const lines = planBomLines(context, parts);
  const requirements = planRequirements(context, parts);
  const tests = planTests(context, parts, requirements);
  const reports = planNonConformances(context, parts, requirements);
  const telemetry = planTelemetry(context, parts);
  const artifacts = planCertification(context, parts, requirements);
  const reviews = planReviews(context, artifacts);

  for (const part of parts.records) {
    yield partResource(provider, part);
  }
  for (const line of lines) {
    yield bomLineResource(provider, line);
  }
  for (const requirement of requirements.values()) {
    yield requirementResource(provider, requirement);
  }
  for (const testCase of tests.testCases) {
    yield testCaseResource(provider, testCase);
  }
  for (const result of tests.results) {
    yield testResultResource(provider, result);
  }
  for (const report of reports) {
    yield nonConformanceResource(provider, report);
  }
  for (const summary of telemetry) {
    yield telemetryResource(provider, summary);
  }
  for (const artifact of artifacts) {
    yield certificationResource(provider, artifact);
  }
  for (const review of reviews) {
    yield reviewResource(provider, review);
  }
}

/** Builds the service provider resource: type, identifier, title, description and publisher, nothing else. */
export function serviceProviderResource(programme: ProgrammeDefinition): GeneratedResource {
  const iri = serviceProviderPath(programme.key);
  const subject = resourceNode(iri);
  const triples = new TripleList();
  triples.add(subject, P.type, C.serviceProvider);
  triples.add(subject, P.identifier, stringLiteral(programme.key));
  triples.add(subject, P.title, stringLiteral(programme.title));
  triples.add(subject, P.description, stringLiteral(programme.description));
  triples.add(subject, P.publisher, term(PUBLISHER.iri));
  return { graph: iri, quads: triples.quads };
}

/**
 * Returns the scale whose data set has about `targetTriples` triples, measured by generating scale 1
 * and scale 2 (variants after the first lack the shared parts, so they are a little smaller).
 */
export function scaleForTripleCount(targetTriples: number, seed = SAMPLE_SEED): number {
  const count = (scale: number): number => {
    let triples = 0;
    for (const resource of generateProgramme({ seed, scale })) {
      triples += resource.quads.length;
    }
    return triples;
  };
  const first = count(1);
  const perVariant = count(2) - first;
  return Math.max(1, 1 + Math.round((targetTriples - first) / perVariant));
}
