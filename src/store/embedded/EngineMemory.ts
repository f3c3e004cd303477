import oxigraph from 'oxigraph';

/** Characters of each literal that reserves memory. A V8 string has at most 2^29 - 24 characters. */
const PIECE_CHARACTERS = 64 * 1024 * 1024;

/**
 * Bytes of engine memory reserved for each byte of N-Quads text to load. Loading 450,000 quads shaped
 * like BOM lines grew `process.memoryUsage().external` by about 5 bytes for each byte of text. This
 * figure is lower, so that the reservation seldom grows the memory past what the load needs.
 */
export const ENGINE_BYTES_PER_TEXT_BYTE = 4;

/**
 * Bytes of engine memory reserved for each byte of a snapshot. Loading the 1M-triple benchmark
 * programme's 200 MB snapshot grew the memory by 3.9 bytes for each byte. The growth depends on the
 * data, so this figure stays well below both measurements.
 */
export const ENGINE_BYTES_PER_SNAPSHOT_BYTE = 3;

/**
 * Bytes of engine memory reserved for each quad of a commit, before its quads are serialized. The quads
 * of a 100,000-line import averaged 150 characters of N-Triples, and ENGINE_BYTES_PER_TEXT_BYTE applies.
 */
export const ENGINE_BYTES_PER_QUAD = 150 * ENGINE_BYTES_PER_TEXT_BYTE;

/** Loads smaller than this grow the memory in few steps anyway and are not worth a reservation. */
export const RESERVE_MINIMUM_BYTES = 64 * 1024 * 1024;

/**
 * Grows the engine's WebAssembly memory by about `bytes` in a few large steps, ahead of a large load.
 *
 * Without this, the engine's allocator grows its memory in small steps while it loads, and V8 follows
 * nearly every step with a full garbage collection of the JavaScript heap. With 840 MB of live objects,
 * as during a large import, loading 450,000 quads took 29 s instead of 1.4 s (Node 20). Memory that the
 * engine frees stays with its allocator, so the load then fills the reserved memory without growing it.
 *
 * The reservation is literals held at once and then freed. For a string that starts with a non-ASCII
 * character, the wasm-bindgen glue allocates three bytes for each character and encodes natively, which
 * reserved 700 MB in 0.3 s in a trial.
 */
export function reserveEngineMemory(bytes: number): void {
  if (bytes < RESERVE_MINIMUM_BYTES) {
    return;
  }
  const pieces = Math.ceil(bytes / (3 * PIECE_CHARACTERS));
  const text = `\u00e9${' '.repeat(PIECE_CHARACTERS - 1)}`;
  // The type declarations omit free(), which the wasm-bindgen classes have.
  const reserving: { free(): void }[] = [];
  try {
    for (let index = 0; index < pieces; index++) {
      reserving.push(oxigraph.literal(text) as unknown as { free(): void });
    }
  } finally {
    for (const literal of reserving) {
      literal.free();
    }
  }
}
