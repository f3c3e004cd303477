import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queueWaitLimitMs, reviewFairShare } from '../../src/sparql/FairShare.js';

const OPTIONS = { fairShareMs: 5_000, minQueueWaitMs: 10_000 };

describe('fair-share review', () => {
  const early = { started: 1_000 };
  const late = { started: 4_000 };

  it('does nothing without waiting queries', () => {
    assert.equal(reviewFairShare([early, late], 0, 60_000, OPTIONS), undefined);
  });

  it('does nothing while a worker is free or loading', () => {
    assert.equal(reviewFairShare([early, undefined], 3, 60_000, OPTIONS), undefined);
  });

  it('preempts the longest-running query past its share', () => {
    assert.deepEqual(reviewFairShare([late, early], 1, 6_000, OPTIONS), { preempt: early });
  });

  it('reviews again when the share runs out', () => {
    assert.deepEqual(reviewFairShare([late, early], 1, 2_000, OPTIONS), { reviewInMs: 4_000 });
  });
});

describe('queue wait limit', () => {
  it('has a floor for small data', () => {
    assert.equal(queueWaitLimitMs(100, OPTIONS), 10_000);
  });

  it('grows with the replica load time', () => {
    assert.equal(queueWaitLimitMs(6_000, OPTIONS), 17_000);
  });

  it('has none before the first load', () => {
    assert.equal(queueWaitLimitMs(undefined, OPTIONS), Number.POSITIVE_INFINITY);
  });
});
