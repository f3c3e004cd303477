/** The command line is wrong; the message says what to type instead. The process exits with code 2. */
export class UsageError extends Error {}
