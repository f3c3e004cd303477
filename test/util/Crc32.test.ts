import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { crc32, tableCrc32 } from '../../src/util/crc32.js';

describe('crc32', () => {
  const cases: [string, Uint8Array, number][] = [
    ['empty input', new Uint8Array(0), 0],
    ['check string 123456789', Buffer.from('123456789', 'latin1'), 0xcbf43926],
    ['one zero byte', new Uint8Array(1), 0xd202ef8d],
    ['quick brown fox', Buffer.from('The quick brown fox jumps over the lazy dog', 'latin1'), 0x414fa339],
  ];
  for (const [name, bytes, expected] of cases) {
    it(`known value: ${name}`, () => {
      assert.equal(crc32(bytes), expected);
      assert.equal(tableCrc32(bytes), expected);
    });
  }

  it('native and table forms agree on random data', () => {
    for (const length of [1, 7, 64, 1000, 65_537]) {
      const bytes = randomBytes(length);
      assert.equal(crc32(bytes), tableCrc32(bytes), `length ${length}`);
    }
  });

  for (const split of [0, 1, 9, 1000]) {
    it(`parts split at ${split} give the whole CRC`, () => {
      const bytes = randomBytes(1000);
      const whole = crc32(bytes);
      assert.equal(crc32(bytes.subarray(split), crc32(bytes.subarray(0, split))), whole);
      assert.equal(tableCrc32(bytes.subarray(split), tableCrc32(bytes.subarray(0, split))), whole);
    });
  }
});
