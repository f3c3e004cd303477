import { DT } from '../rdf/namespaces.js';
import { compareIdentifiers, levelOfIri, standardOfIri, stricterLevel, type AssuranceLevel, type StandardKey } from './Certification.js';
import type { EvidenceIndex } from './EvidenceIndex.js';
import type { ResourceRef, TestResultRecord } from './EvidenceSnapshot.js';
import type { AnalysisFilter, CoverageStatus, Gap, RequirementTrace, TestCaseTrace, TestRun } from './TraceabilityReport.js';

const DESIGN_KIND = DT('DesignDescription');
const CODE_KIND = DT('SourceCode');

/**
 * Builds the traceability matrix: one row per requirement in scope, with its chain requirement →
 * design → code → test case → latest result, and the parts that satisfy it. A requirement is in scope
 * of a standard when an artifact of that standard covers it. Its level is its own dt:assuranceLevel,
 * else the strictest level of those artifacts.
 */
export function traceRequirements(index: EvidenceIndex, filter: AnalysisFilter): RequirementTrace[] {
  const rows: RequirementTrace[] = [];
  const testCaseTraces = new Map<string, TestCaseTrace>();
  for (const requirement of index.requirements.values()) {
    const covering = (index.coveringArtifacts.get(requirement.iri) ?? []).map((iri) => index.artifacts.get(iri)!);
    const standards = unique(covering.map((artifact) => standardOfIri(artifact.standardIri)).filter((standard): standard is StandardKey => standard !== undefined));
    let level: AssuranceLevel | undefined = levelOfIri(requirement.levelIri);
    if (level === undefined) {
      for (const artifact of covering) {
        level = stricterLevel(level, levelOfIri(artifact.levelIri));
      }
    }
    if ((filter.standard !== undefined && !standards.includes(filter.standard)) || (filter.level !== undefined && level !== filter.level)) {
      continue;
    }

    const implementation = implementationOf(index, requirement.iri);
    const testCases = [...(index.testCasesOf.get(requirement.iri) ?? [])].map((iri) => {
      let trace = testCaseTraces.get(iri);
      if (trace === undefined) {
        trace = traceTestCase(index, iri);
        testCaseTraces.set(iri, trace);
      }
      return trace;
    });
    const parts = (index.satisfiedBy.get(requirement.iri) ?? []).map((iri) => index.parts.get(iri)!);
    const items = unique(covering.map((artifact) => artifact.item).filter((item): item is string => item !== undefined && index.parts.has(item))).map((iri) => index.parts.get(iri)!);
    const parent = index.parents.get(requirement.iri)?.[0];

    const row: RequirementTrace = {
      iri: requirement.iri,
      identifier: requirement.identifier,
      title: requirement.title,
      standards: standards.sort(),
      items: sortRefs(items),
      design: sortRefs(implementation.design),
      code: sortRefs(implementation.code),
      parts: sortRefs(parts),
      testCases: sortRefs(testCases),
      withheld: 0,
      status: 'complete',
    };
    const withheld = {
      testCases: index.withheld.count(requirement.iri, 'testCase'),
      runs: testCases.reduce((sum, testCase) => sum + testCase.withheldRuns, 0),
      implementation: implementation.withheld + index.withheld.count(requirement.iri, 'part'),
    };
    row.withheld = withheld.testCases + withheld.runs + withheld.implementation;
    if (level !== undefined) {
      row.level = level;
    }
    if (parent !== undefined) {
      row.parent = ref(index.requirements.get(parent)!);
    }
    row.status = coverageStatus(row, withheld);
    rows.push(row);
  }
  return sortRefs(rows);
}

/**
 * Returns the test cases whose results the gap list judges although no matrix row shows them. The
 * orphans verify no requirement, shown or withheld; every filter keeps them because they cannot be
 * placed in a standard or level. Test cases whose requirements are all withheld are judged only
 * without a standard or level filter, because placing them would need the withheld requirements.
 */
export function testCasesOutsideMatrix(index: EvidenceIndex, rows: RequirementTrace[], filter: AnalysisFilter): { orphans: TestCaseTrace[]; withheldRequirements: TestCaseTrace[] } {
  const inMatrix = new Set(rows.flatMap((row) => row.testCases.map((testCase) => testCase.iri)));
  const orphans: TestCaseTrace[] = [];
  const withheldRequirements: TestCaseTrace[] = [];
  for (const testCase of index.testCases.values()) {
    if (inMatrix.has(testCase.iri) || index.requirementsOf.has(testCase.iri)) {
      continue;
    }
    if (index.withheld.count(testCase.iri, 'requirement') === 0) {
      orphans.push(traceTestCase(index, testCase.iri));
    } else if (filter.standard === undefined && filter.level === undefined) {
      withheldRequirements.push(traceTestCase(index, testCase.iri));
    }
  }
  return { orphans: sortRefs(orphans), withheldRequirements: sortRefs(withheldRequirements) };
}

/**
 * Finds the test gaps: requirements in the matrix without a test case (shown or withheld) and test
 * cases that verify no requirement. For every test case in the matrix or outside it (see
 * testCasesOutsideMatrix), it also reports a missing run or a latest run that did not pass. A test
 * case with withheld runs is not judged, because a withheld run may be its latest.
 */
export function testGaps(rows: RequirementTrace[], outside: ReturnType<typeof testCasesOutsideMatrix>, withheldTestCases: (requirement: string) => number): Gap[] {
  const gaps: Gap[] = [];
  const reported = new Set<string>();
  const judgeResults = (testCase: TestCaseTrace): void => {
    if (reported.has(testCase.iri)) {
      return;
    }
    reported.add(testCase.iri);
    if (testCase.withheldRuns > 0) {
      return;
    }
    if (testCase.latest === undefined) {
      gaps.push({ kind: 'MissingResult', subject: ref(testCase), description: `${testCase.identifier} has never been run.` });
    } else if (testCase.latest.verdict !== 'passed') {
      gaps.push({ kind: 'FailingResult', subject: ref(testCase), description: `The latest run ${testCase.latest.identifier} of ${testCase.identifier} ended ${testCase.latest.verdict} on ${testCase.latest.at.slice(0, 10)}.` });
    }
  };
  for (const row of rows) {
    if (row.testCases.length === 0 && withheldTestCases(row.iri) === 0) {
      gaps.push({ kind: 'RequirementWithoutTest', subject: ref(row), description: `No test case verifies ${row.identifier} "${row.title}".` });
    }
    row.testCases.forEach(judgeResults);
  }
  for (const testCase of outside.orphans) {
    gaps.push({ kind: 'TestWithoutRequirement', subject: ref(testCase), description: `${testCase.identifier} "${testCase.title}" verifies no requirement.` });
    judgeResults(testCase);
  }
  outside.withheldRequirements.forEach(judgeResults);
  return gaps;
}

/** Returns the number of distinct test cases that the matrix rows and the test cases outside the matrix hold. */
export function countTestCases(rows: RequirementTrace[], outside: ReturnType<typeof testCasesOutsideMatrix>): number {
  return new Set([...rows.flatMap((row) => row.testCases), ...outside.orphans, ...outside.withheldRequirements].map((testCase) => testCase.iri)).size;
}

/**
 * Collects design and code artifacts covering the requirement or any requirement below it in the
 * decomposition, and counts the withheld covering artifacts and decomposing requirements on the way.
 */
function implementationOf(index: EvidenceIndex, requirement: string): { design: ResourceRef[]; code: ResourceRef[]; withheld: number } {
  const design = new Map<string, ResourceRef>();
  const code = new Map<string, ResourceRef>();
  const visited = new Set<string>();
  const pending = [requirement];
  let withheld = 0;
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (visited.has(current)) {
      continue;
    }
    visited.add(current);
    withheld += index.withheld.count(current, 'coveringArtifact') + index.withheld.count(current, 'child');
    for (const iri of index.coveringArtifacts.get(current) ?? []) {
      const artifact = index.artifacts.get(iri)!;
      if (artifact.kindIri === DESIGN_KIND) {
        design.set(iri, ref(artifact));
      } else if (artifact.kindIri === CODE_KIND) {
        code.set(iri, ref(artifact));
      }
    }
    pending.push(...(index.children.get(current) ?? []));
  }
  return { design: [...design.values()], code: [...code.values()], withheld };
}

function traceTestCase(index: EvidenceIndex, iri: string): TestCaseTrace {
  const testCase = index.testCases.get(iri)!;
  const results = index.resultsByTestCase.get(iri) ?? [];
  const trace: TestCaseTrace = { ...ref(testCase), runCount: results.length, withheldRuns: index.withheld.count(iri, 'run') };
  const latest = latestRun(results);
  if (latest !== undefined) {
    trace.latest = latest;
  }
  return trace;
}

/** Returns the run that ended last; runs that never ended count from their record's creation. Ties go to the higher identifier. */
function latestRun(results: TestResultRecord[]): TestRun | undefined {
  let best: TestRun | undefined;
  for (const result of results) {
    const run: TestRun = { ...ref(result), verdict: result.verdict, at: result.ended ?? result.created };
    if (best === undefined || Date.parse(run.at) > Date.parse(best.at) || (run.at === best.at && compareIdentifiers(run.identifier, best.identifier) > 0)) {
      best = run;
    }
  }
  return best;
}

/**
 * Judges a row, taking withheld links into account only where they could change the status.
 * Withheld test cases or runs could make any row fail, so past untested (no test case, shown or
 * withheld) and a certain failure (a failing latest run of a test case without withheld runs) the
 * row is withheld. Withheld covering artifacts, decomposing requirements and parts can only add an
 * implementation, so they turn partial into withheld and leave complete as it is.
 */
function coverageStatus(row: RequirementTrace, withheld: { testCases: number; runs: number; implementation: number }): CoverageStatus {
  if (row.testCases.length === 0 && withheld.testCases === 0) {
    return 'untested';
  }
  if (row.testCases.some((testCase) => testCase.withheldRuns === 0 && testCase.latest !== undefined && testCase.latest.verdict !== 'passed')) {
    return 'failing';
  }
  if (withheld.testCases + withheld.runs > 0) {
    return 'withheld';
  }
  if (row.testCases.some((testCase) => testCase.latest === undefined)) {
    return 'unexecuted';
  }
  if ((row.design.length > 0 && row.code.length > 0) || row.parts.length > 0) {
    return 'complete';
  }
  return withheld.implementation > 0 ? 'withheld' : 'partial';
}

function ref(resource: ResourceRef): ResourceRef {
  return { iri: resource.iri, identifier: resource.identifier, title: resource.title };
}

function sortRefs<T extends ResourceRef>(refs: T[]): T[] {
  return refs.sort((a, b) => compareIdentifiers(a.identifier, b.identifier));
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
