/**
 * Whether an error is a WebAssembly RuntimeError: Oxigraph panicked (for example on a capacity
 * overflow) and its instance can no longer be trusted.
 */
export function isEnginePanic(error: unknown): error is Error {
  return error instanceof Error && error.constructor.name === 'RuntimeError';
}
