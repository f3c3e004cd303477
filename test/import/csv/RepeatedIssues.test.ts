import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupRepeatedIssues } from '../../../src/import/csv/RepeatedIssues.js';
import type { ImportIssue } from '../../../src/import/ImportModel.js';

const issue = (message: string, line?: number, severity: ImportIssue['severity'] = 'error'): ImportIssue => ({ severity, message, location: { file: 'bom.csv', ...(line === undefined ? {} : { line }) } });

describe('groupRepeatedIssues', () => {
  it('gives a repeated message once', () => {
    const lines = Array.from({ length: 25 }, (_, index) => index + 3);
    const issues = lines.map((line) => issue('The quantity "many" is not a number.', line));
    assert.deepEqual(groupRepeatedIssues(issues), [issue(`The quantity "many" is not a number. (also lines ${lines.slice(1, 21).join(', ')} and 4 more)`, 3)]);
  });

  it('keeps other messages, severities and order', () => {
    const issues = [issue('A', 2), issue('B', 3), issue('A', 4), issue('A', 5, 'warning'), issue('C')];
    assert.deepEqual(groupRepeatedIssues(issues), [issue('A (also line 4)', 2), issue('B', 3), issue('A', 5, 'warning'), issue('C')]);
  });
});
