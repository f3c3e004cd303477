import { formatDateTime } from './Calendar.js';
import { buildResource, type GeneratedResource } from './CommonQuads.js';
import type { RequirementRecord } from './RequirementPlanner.js';
import { dateTimeLiteral, dt, P, stringLiteral, resourceNode } from './Terms.js';
import type { TestCaseRecord, TestResultRecord } from './TestPlanner.js';

export function requirementResource(provider: string, requirement: RequirementRecord): GeneratedResource {
  const common = { ...requirement, title: requirement.spec.title, description: requirement.spec.statement };
  return buildResource(provider, 'Requirement', common, (triples, subject) => {
    if (requirement.parent !== undefined) {
      triples.add(subject, P.decomposes, resourceNode(requirement.parent.iri));
    }
    for (const part of requirement.satisfiedBy) {
      triples.add(subject, P.satisfiedBy, resourceNode(part.iri));
    }
    for (const testCase of requirement.validatedBy) {
      triples.add(subject, P.validatedBy, resourceNode(testCase));
    }
    if (requirement.spec.assurance !== undefined) {
      triples.add(subject, P.assuranceLevel, dt(`Level${requirement.spec.assurance}`));
    }
  });
}

export function testCaseResource(provider: string, testCase: TestCaseRecord): GeneratedResource {
  return buildResource(provider, 'TestCase', testCase, (triples, subject) => {
    for (const requirement of testCase.requirements) {
      triples.add(subject, P.validatesRequirement, resourceNode(requirement.iri));
    }
    for (const part of testCase.parts) {
      triples.add(subject, P.validatesPart, resourceNode(part.iri));
    }
  });
}

export function testResultResource(provider: string, result: TestResultRecord): GeneratedResource {
  const common = { ...result, marking: result.testCase.marking };
  return buildResource(provider, 'TestResult', common, (triples, subject) => {
    triples.add(subject, P.reportsOnTestCase, resourceNode(result.testCase.iri));
    triples.add(subject, P.verdict, stringLiteral(result.verdict));
    if (result.executed !== undefined) {
      triples.add(subject, P.endedAtTime, dateTimeLiteral(formatDateTime(result.executed)));
    }
  });
}
