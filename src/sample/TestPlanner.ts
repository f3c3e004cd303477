import type { BlockContext } from './BlockContext.js';
import { DATA_END, workingInstantAfter } from './Calendar.js';
import { stricterMarking, type ExportMarking } from './ExportControl.js';
import { pickPerson } from './People.js';
import type { PartRecord, PlannedParts } from './PartPlanner.js';
import type { Random } from './Random.js';
import type { RequirementRecord } from './RequirementPlanner.js';
import { lowerFirst } from './Text.js';

export type Verdict = 'passed' | 'failed' | 'blocked' | 'inconclusive';

export interface TestCaseRecord {
  iri: string;
  identifier: string;
  title: string;
  description: string;
  requirements: RequirementRecord[];
  parts: PartRecord[];
  marking?: ExportMarking;
  created: number;
  modified: number;
  creator: string;
}

export interface TestResultRecord {
  iri: string;
  identifier: string;
  title: string;
  description?: string;
  testCase: TestCaseRecord;
  verdict: Verdict;
  /** When the run finished; absent for blocked runs, which never finished. */
  executed?: number;
  created: number;
  modified: number;
  creator: string;
}

export interface PlannedTests {
  testCases: TestCaseRecord[];
  results: TestResultRecord[];
}

/** Run histories, oldest first, cycled over the test cases whose latest run passed. */
const PASSING_HISTORIES: Verdict[][] = [
  ['passed'],
  ['failed', 'passed'],
  ['passed'],
  ['passed', 'passed'],
  ['passed'],
  ['inconclusive', 'passed'],
  ['failed', 'passed'],
  ['passed'],
  ['blocked', 'passed'],
];

/** Run histories cycled over the test cases whose latest run failed. */
const FAILING_HISTORIES: Verdict[][] = [['failed'], ['passed', 'failed'], ['failed', 'failed']];

const FAILURE_NOTES = [
  'Measured value outside the tolerance of the expected result at step 7.',
  'Timing requirement missed on 3 of 200 iterations; worst case 12 % above the limit.',
  'Unexpected fault code logged during the transition; analysis in progress.',
  'Output did not latch as expected after the injected fault.',
];

const LEVEL_METHOD = {
  system: 'System integration test on the iron-bird rig with production-representative hardware.',
  high: 'Requirements-based test on target hardware in the hardware-in-the-loop rig, normal and robustness cases.',
  low: 'Requirements-based test of the software component on the target processor with the unit test harness.',
} as const;

/**
 * Plans test cases and their runs. The programme's verification plan fixes how many requirements get
 * no test case, how many test cases are not yet run and how many fail on their latest run. Test cases
 * of requirements named by open non-conformance reports are among the failing ones. Every other test
 * case passes on its latest run.
 */
export function planTests(
  context: BlockContext,
  parts: PlannedParts,
  requirements: Map<string, RequirementRecord>,
): PlannedTests {
  const random = context.random('tests');
  const plan = context.programme.verification;
  const mustFail = requirementsWithOpenFindings(context);
  const untested = chooseUntested(requirements, mustFail, plan.untestedRequirements, random);

  const testCases: TestCaseRecord[] = [];
  for (const requirement of requirements.values()) {
    if (untested.has(requirement.spec.key)) {
      continue;
    }
    const hardware = requirement.satisfiedBy.filter((part) => part.design.kind !== 'software');
    const title = `Verify ${lowerFirst(requirement.spec.title)}`;
    testCases.push(planTestCase(context, random, title, LEVEL_METHOD[requirement.spec.level], [requirement], hardware));
  }
  for (const integration of plan.integrationTests) {
    const covered = integration.requirements.map((key) => lookUp(requirements, key));
    const tested = integration.parts.map((key) => parts.effective.get(key)!);
    testCases.push(planTestCase(context, random, integration.title, integration.description, covered, tested));
  }

  const histories = assignHistories(testCases, mustFail, context, random);
  const results: TestResultRecord[] = [];
  for (const testCase of testCases) {
    results.push(...planRuns(context, random, testCase, histories.get(testCase) ?? []));
  }
  return { testCases, results };
}

function lookUp(requirements: Map<string, RequirementRecord>, key: string): RequirementRecord {
  const requirement = requirements.get(key);
  if (requirement === undefined) {
    throw new Error(`Unknown requirement "${key}".`);
  }
  return requirement;
}

function requirementsWithOpenFindings(context: BlockContext): Set<string> {
  const keys = new Set<string>();
  for (const report of context.programme.nonConformances) {
    if (report.status === 'Open' || report.status === 'Under Review') {
      for (const key of report.requirements ?? []) {
        keys.add(key);
      }
    }
  }
  return keys;
}

function chooseUntested(
  requirements: Map<string, RequirementRecord>,
  mustFail: Set<string>,
  count: number,
  random: Random,
): Set<string> {
  const candidates = [...requirements.values()]
    .filter((requirement) => requirement.spec.level !== 'system' && !mustFail.has(requirement.spec.key))
    .map((requirement) => requirement.spec.key);
  return new Set(random.shuffle(candidates).slice(0, count));
}

function planTestCase(
  context: BlockContext,
  random: Random,
  title: string,
  description: string,
  requirements: RequirementRecord[],
  parts: PartRecord[],
): TestCaseRecord {
  const { identifier, iri } = context.identifiers.allocate('TestCase');
  let marking: ExportMarking | undefined;
  for (const part of parts) {
    marking = stricterMarking(marking, part.design.marking?.technicalData);
  }
  const written = Math.max(...requirements.map((requirement) => requirement.created));
  const created = workingInstantAfter(random, written, 20, 200);
  for (const requirement of requirements) {
    requirement.validatedBy.push(iri);
  }
  const record: TestCaseRecord = {
    iri,
    identifier,
    title,
    description,
    requirements,
    parts,
    created,
    modified: workingInstantAfter(random, created, 0, 300),
    creator: pickPerson(random, 'verification'),
  };
  if (marking !== undefined) {
    record.marking = marking;
  }
  return record;
}

function assignHistories(
  testCases: TestCaseRecord[],
  mustFail: Set<string>,
  context: BlockContext,
  random: Random,
): Map<TestCaseRecord, Verdict[]> {
  const plan = context.programme.verification;
  const isMustFail = (testCase: TestCaseRecord): boolean =>
    testCase.requirements.some((requirement) => mustFail.has(requirement.spec.key));
  const failing = testCases.filter(isMustFail);
  const others = random.shuffle(testCases.filter((testCase) => !isMustFail(testCase)));

  // The first test cases of the shuffled list stay without runs.
  const run = others.slice(plan.testCasesWithoutResults);
  while (failing.length < plan.failingTestCases && run.length > 0) {
    failing.push(run.shift()!);
  }
  const blocked = run.shift();
  const inconclusive = run.shift();

  const histories = new Map<TestCaseRecord, Verdict[]>();
  failing.forEach((testCase, position) => histories.set(testCase, FAILING_HISTORIES[position % FAILING_HISTORIES.length]!));
  if (blocked !== undefined) {
    histories.set(blocked, ['failed', 'blocked']);
  }
  if (inconclusive !== undefined) {
    histories.set(inconclusive, ['inconclusive']);
  }
  run.forEach((testCase, position) => histories.set(testCase, PASSING_HISTORIES[position % PASSING_HISTORIES.length]!));
  return histories;
}

function planRuns(context: BlockContext, random: Random, testCase: TestCaseRecord, history: Verdict[]): TestResultRecord[] {
  const runs: TestResultRecord[] = [];
  let previous = testCase.created;
  history.forEach((verdict, position) => {
    const { identifier, iri } = context.identifiers.allocate('TestResult');
    const executed = workingInstantAfter(random, previous, 5, 60);
    previous = executed;
    const created = Math.min(executed + random.integer(10, 90) * 60_000, DATA_END);
    const run: TestResultRecord = {
      iri,
      identifier,
      title: `${testCase.title}, run ${position + 1}`,
      testCase,
      verdict,
      created,
      modified: verdict === 'failed' ? workingInstantAfter(random, created, 0, 5) : created,
      creator: pickPerson(random, 'verification'),
    };
    if (verdict !== 'blocked') {
      run.executed = executed;
    }
    const note = runNote(verdict, random);
    if (note !== undefined) {
      run.description = note;
    }
    runs.push(run);
  });
  return runs;
}

function runNote(verdict: Verdict, random: Random): string | undefined {
  switch (verdict) {
    case 'passed':
      return undefined;
    case 'failed':
      return random.pick(FAILURE_NOTES);
    case 'blocked':
      return 'Run stopped before the first step: the test rig was unavailable after a configuration change.';
    case 'inconclusive':
      return 'Data recording stopped during the run, so the pass criteria could not be evaluated.';
  }
}
