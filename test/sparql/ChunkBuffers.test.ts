import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHUNK_BUFFER_BYTES, ChunkBufferPool, markReusable, reuseChunk } from '../../src/sparql/ChunkBuffers.js';

describe('ChunkBufferPool', () => {
  it('take makes a buffer when empty', () => {
    const pool = new ChunkBufferPool();
    assert.equal(pool.take().byteLength, CHUNK_BUFFER_BYTES);
    assert.equal(pool.size, 0);
  });

  it('take returns a given buffer', () => {
    const pool = new ChunkBufferPool();
    const buffer = new ArrayBuffer(CHUNK_BUFFER_BYTES);
    pool.give(buffer);
    assert.equal(pool.size, 1);
    assert.equal(pool.take(), buffer);
    assert.equal(pool.size, 0);
  });

  const rejected: { name: string; buffer: ArrayBuffer; capacity: number }[] = [
    { name: 'a buffer of another size', buffer: new ArrayBuffer(1024), capacity: 4 },
    { name: 'an empty buffer', buffer: new ArrayBuffer(0), capacity: 4 },
    { name: 'a buffer past the capacity', buffer: new ArrayBuffer(CHUNK_BUFFER_BYTES), capacity: 0 },
  ];
  for (const entry of rejected) {
    it(`give drops ${entry.name}`, () => {
      const pool = new ChunkBufferPool(entry.capacity);
      pool.give(entry.buffer);
      assert.equal(pool.size, 0);
    });
  }
});

describe('reuseChunk', () => {
  it('calls the registered return once', () => {
    const chunk = Buffer.alloc(8);
    let returned = 0;
    markReusable(chunk, () => returned++);
    reuseChunk(chunk);
    reuseChunk(chunk);
    assert.equal(returned, 1);
  });

  it('ignores an unregistered chunk', () => {
    assert.doesNotThrow(() => reuseChunk(Buffer.alloc(8)));
  });
});
