import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import oxigraph from 'oxigraph';
import { RESERVE_MINIMUM_BYTES, reserveEngineMemory } from '../../../src/store/embedded/EngineMemory.js';

const MIB = 1024 * 1024;

/** Bytes outside the JavaScript heap, which include the engine's WebAssembly memory. */
function externalBytes(): number {
  return process.memoryUsage().external;
}

describe('reserveEngineMemory', () => {
  it('skips a reservation below the minimum', () => {
    const before = externalBytes();
    reserveEngineMemory(RESERVE_MINIMUM_BYTES - 1);
    assert.ok(externalBytes() - before < 8 * MIB);
  });

  it('grows the engine memory ahead of a load', () => {
    const before = externalBytes();
    reserveEngineMemory(160 * MIB);
    const grown = externalBytes() - before;
    assert.ok(grown >= 128 * MIB, `grew by ${Math.round(grown / MIB)} MiB`);
  });

  it('leaves the engine usable', () => {
    reserveEngineMemory(RESERVE_MINIMUM_BYTES);
    const store = new oxigraph.Store();
    store.load('<http://example.org/a> <http://example.org/b> "c" .\n', { format: 'application/n-triples' });
    assert.equal(store.size, 1);
    assert.equal(store.query('ASK { ?s ?p "c" }'), true);
  });
});
