/** An adapter option has a value the adapter cannot use. The message names the option and the values allowed. */
export class InvalidImportOptionError extends Error {
  public constructor(
    public readonly option: string,
    message: string,
  ) {
    super(`invalid import option ${option}: ${message}`);
    this.name = 'InvalidImportOptionError';
  }
}
