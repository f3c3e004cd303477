import { CLEARANCES, parseClearance, type Clearance } from '../auth/ExportControl.js';
import { UsageError } from './UsageError.js';

/** Reads the values of repeated `--clearance` options, rejecting any that is not a clearance. */
export function clearancesOption(values: readonly string[] | undefined): Clearance[] {
  return (values ?? []).map((text) => {
    const clearance = parseClearance(text);
    if (clearance === undefined) {
      throw new UsageError(`--clearance "${text}" is not a clearance; use one of ${CLEARANCES.join(', ')}.`);
    }
    return clearance;
  });
}
