import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkBatch } from '../../src/import/BatchChecks.js';
import { ImportRejectedError } from '../../src/import/ImportErrors.js';
import { emptyBatch, type ImportBatch, type SourceBomLine, type SourceLocation } from '../../src/import/ImportModel.js';

const FIX = 'An assembly cannot contain itself, directly or deeper, so remove or correct one of these BOM lines.';
const FIX_SEVERAL = 'An assembly cannot contain itself, directly or deeper, so remove or correct one of these uses, including every BOM line it lists.';

/** Returns a batch of parts P1, P2, ... (revision A) and the given BOM lines. */
function batchOf(partCount: number, lines: SourceBomLine[]): ImportBatch {
  const batch = emptyBatch('test', 'bom.csv');
  for (let number = 1; number <= partCount; number++) {
    batch.parts.push({ sourceId: `P${number}`, partNumber: `P${number}`, revision: 'A', title: `Part ${number}`, location: { file: 'bom.csv', line: number + 1 } });
  }
  batch.bomLines.push(...lines);
  return batch;
}

function use(parent: number, child: number, location: SourceLocation, mergedLocations?: SourceLocation[]): SourceBomLine {
  return { parent: `P${parent}`, child: `P${child}`, quantity: 1, location, ...(mergedLocations === undefined ? {} : { mergedLocations }) };
}

/** Returns the errors of a rejected batch as `location: message`. */
function errorsOf(batch: ImportBatch): string[] {
  try {
    checkBatch(batch);
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      return error.issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.location?.line ?? '?'}: ${issue.message}`);
    }
    throw error;
  }
  throw new Error('the batch was expected to be rejected');
}

describe('checkBatch BOM cycles', () => {
  it('names every CSV line of a cycle', () => {
    // The error is reported at the line that comes last, which completes the cycle, and that line is named last.
    const errors = errorsOf(batchOf(3, [use(3, 1, { file: 'bom.csv', line: 5 }), use(1, 2, { file: 'bom.csv', line: 7 }), use(2, 3, { file: 'bom.csv', line: 9 })]));
    assert.deepEqual(errors, [`9: BOM cycle: P3 rev A uses P1 rev A (line 5), P1 rev A uses P2 rev A (line 7), P2 rev A uses P3 rev A (line 9). ${FIX}`]);
  });

  it('names an assembly that uses itself', () => {
    const errors = errorsOf(batchOf(1, [use(1, 1, { file: 'bom.csv', line: 4 })]));
    assert.deepEqual(errors, [`4: BOM cycle: P1 rev A uses itself (line 4). ${FIX}`]);
  });

  it('names PLM XML elements and other files', () => {
    const errors = errorsOf(
      batchOf(2, [use(1, 2, { file: 'top.xml', line: 30, entity: 'id12' }), use(2, 1, { file: 'sub.xml', line: 8, entity: 'id7' }, [{ file: 'sub.xml', entity: 'id9' }])]),
    );
    assert.deepEqual(errors, [`8: BOM cycle: P1 rev A uses P2 rev A (id12, top.xml line 30), P2 rev A uses P1 rev A (id7, line 8; id9). ${FIX_SEVERAL}`]);
  });

  it('names every row between the same parts', () => {
    const errors = errorsOf(batchOf(2, [use(1, 2, { file: 'bom.csv', line: 2 }), use(2, 1, { file: 'bom.csv', line: 3 }), use(1, 2, { file: 'bom.csv', line: 4 })]));
    assert.equal(errors.length, 1);
    assert.equal(errors[0], `4: BOM cycle: P2 rev A uses P1 rev A (line 3), P1 rev A uses P2 rev A (line 2; line 4). ${FIX_SEVERAL}`);
  });

  it('counts lines of one use beyond three', () => {
    const merged = [3, 4, 5, 6].map((line) => ({ file: 'a.stp', line, entity: `#${line * 10}` }));
    const errors = errorsOf(batchOf(2, [use(1, 2, { file: 'a.stp', line: 2, entity: '#20' }, merged), use(2, 1, { file: 'a.stp', line: 9, entity: '#90' })]));
    assert.deepEqual(errors, [`9: BOM cycle: P1 rev A uses P2 rev A (#20, line 2; #30, line 3; #40, line 4; and 2 more), P2 rev A uses P1 rev A (#90, line 9). ${FIX_SEVERAL}`]);
  });

  it('names ten uses of a long cycle', () => {
    const lines: SourceBomLine[] = [];
    for (let number = 1; number <= 14; number++) {
      lines.push(use(number, (number % 14) + 1, { file: 'bom.csv', line: number + 1 }));
    }
    const errors = errorsOf(batchOf(14, lines));
    assert.equal(errors.length, 1);
    const named = Array.from({ length: 10 }, (_, index) => `P${index + 1} rev A uses P${index + 2} rev A (line ${index + 2})`);
    assert.equal(errors[0], `15: BOM cycle: ${named.join(', ')} and 4 more uses. ${FIX}`);
  });

  it('leaves a tree without cycles alone', () => {
    const checked = checkBatch(batchOf(3, [use(1, 2, { file: 'bom.csv', line: 3 }), use(1, 3, { file: 'bom.csv', line: 4 }), use(2, 3, { file: 'bom.csv', line: 5 })]));
    assert.equal(checked.bomLines.length, 3);
  });
});
