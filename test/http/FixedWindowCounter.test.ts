import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FixedWindowCounter, secondsUntil } from '../../src/http/middleware/FixedWindowCounter.js';

describe('fixed-window counter', () => {
  it('counts per key within a window', () => {
    const counter = new FixedWindowCounter(60_000);
    assert.deepEqual(counter.increment('a', 1_000), { count: 1, resetAt: 61_000 });
    assert.deepEqual(counter.increment('a', 2_000), { count: 2, resetAt: 61_000 });
    assert.deepEqual(counter.increment('b', 3_000), { count: 1, resetAt: 63_000 });
  });

  it('starts again after the window', () => {
    const counter = new FixedWindowCounter(60_000);
    counter.increment('a', 1_000);
    counter.increment('a', 2_000);
    assert.deepEqual(counter.increment('a', 61_000), { count: 1, resetAt: 121_000 });
  });

  it('peek neither counts nor sees ended windows', () => {
    const counter = new FixedWindowCounter(60_000);
    assert.equal(counter.peek('a', 1_000), undefined);
    counter.increment('a', 1_000);
    assert.deepEqual(counter.peek('a', 30_000), { count: 1, resetAt: 61_000 });
    assert.deepEqual(counter.peek('a', 30_000), { count: 1, resetAt: 61_000 });
    assert.equal(counter.peek('a', 61_000), undefined);
  });

  const retries: [number, number, number][] = [
    [61_000, 1_000, 60],
    [61_000, 60_500, 1],
    [61_000, 61_000, 1],
    [61_000, 90_000, 1],
  ];
  for (const [resetAt, now, expected] of retries) {
    it(`Retry-After ${expected} s at ${now} ms`, () => {
      assert.equal(secondsUntil(resetAt, now), expected);
    });
  }
});
