/**
 * An OSLC query parameter that cannot be parsed or used. The message names the parameter, the
 * character position (1-based) and the fix; the HTTP layer returns it as a 400 oslc:Error.
 */
export class QuerySyntaxError extends Error {
  public constructor(
    public readonly parameter: string,
    public readonly position: number,
    problem: string,
  ) {
    super(`${parameter}: ${problem} (at character ${position + 1}).`);
  }
}
