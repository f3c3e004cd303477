import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Utf8Scratch } from '../../src/util/Utf8Scratch.js';

describe('Utf8Scratch', () => {
  const texts: { name: string; text: string }[] = [
    { name: 'ASCII text', text: '<http://example.org/a> <http://example.org/p> "b" .\n' },
    { name: 'accented and CJK text', text: 'Türflügel — 翼' },
    { name: 'a character above U+FFFF', text: 'rocket \u{1F680}' },
    { name: 'empty text', text: '' },
  ];
  for (const { name, text } of texts) {
    it(`encodes ${name}`, () => {
      const scratch = new Utf8Scratch(1024);
      assert.ok(scratch.encode(text).equals(Buffer.from(text, 'utf8')));
    });
  }

  it('reuses one buffer', () => {
    const scratch = new Utf8Scratch(1024);
    const first = scratch.encode('first text');
    scratch.encode('SECOND');
    // The first result's bytes are overwritten, so both calls wrote into the same memory.
    assert.equal(first.subarray(0, 6).toString('utf8'), 'SECOND');
  });

  it('long text gets its own buffer', () => {
    const scratch = new Utf8Scratch(30);
    const long = scratch.encode('a text longer than ten characters');
    scratch.encode('again');
    assert.equal(long.toString('utf8'), 'a text longer than ten characters');
  });
});
