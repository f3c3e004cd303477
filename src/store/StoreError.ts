/** Base class of errors raised by TripleStore implementations. */
export class StoreError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A commit precondition did not hold: the graph changed since the caller read it, or exists when it should not. */
export class PreconditionFailedError extends StoreError {
  public constructor(
    public readonly graph: string,
    public readonly expectedVersion: string | null,
    public readonly actualVersion: string | undefined,
  ) {
    const expected = expectedVersion === null ? 'no graph' : `version ${expectedVersion}`;
    const actual = actualVersion === undefined ? 'no graph' : `version ${actualVersion}`;
    super(`Precondition failed for graph <${graph}>: expected ${expected}, found ${actual}.`);
  }
}

/** The query or update text is not valid SPARQL 1.1, or uses a feature the store does not allow. */
export class InvalidQueryError extends StoreError {}

/** Stored state on disk cannot be read back; the message names the file and what to do. */
export class CorruptStoreError extends StoreError {}

/** Another process holds the data directory. */
export class StoreLockedError extends StoreError {}

/**
 * The data directory is encrypted with a key that is not configured, or its encryption state differs
 * from the configuration; the message names the key ids and the command that resolves it.
 */
export class EncryptionKeyError extends StoreError {}
