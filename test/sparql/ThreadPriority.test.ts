import assert from 'node:assert/strict';
import { getPriority } from 'node:os';
import { describe, it } from 'node:test';
import { lowerThreadPriority } from '../../src/sparql/ThreadPriority.js';

// Calls that change the priority would slow down the test runner's own thread here. The runaway query
// tests check them on the SPARQL worker threads instead.
describe('thread priority', () => {
  const unchanged: { name: string; niceness: number; platform: NodeJS.Platform }[] = [
    { name: 'macOS, where pid 0 means the process', niceness: 10, platform: 'darwin' },
    { name: 'Windows', niceness: 10, platform: 'win32' },
    { name: 'Linux with nice value 0', niceness: 0, platform: 'linux' },
    { name: 'Linux with a negative nice value', niceness: -5, platform: 'linux' },
  ];
  for (const testCase of unchanged) {
    it(`unchanged on ${testCase.name}`, () => {
      const before = getPriority();
      assert.deepEqual(lowerThreadPriority(testCase.niceness, testCase.platform), { niceness: before });
      assert.equal(getPriority(), before);
    });
  }
});
