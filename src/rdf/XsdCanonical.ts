const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Returns the canonical lexical form of an xsd:dateTime, as the store writes it: no trailing
 * zeros in the fractional seconds and no empty fraction, `Z` for a zero offset, and 24:00:00 as 00:00:00
 * of the next day. The store keeps dateTime literals in this form, so an import that wrote
 * `08:30:00.000+01:00` would find `08:30:00+01:00` stored and count a change on every run. A value that is
 * no dateTime is returned as it is.
 */
export function canonicalDateTime(value: string): string {
  const match = DATE_TIME.exec(value);
  if (match === null) {
    return value;
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;

  const seconds = fraction === undefined || /^0+$/.test(fraction) ? second! : `${second!}.${fraction.replace(/0+$/, '')}`;
  const offset = zone === '+00:00' || zone === '-00:00' ? 'Z' : (zone ?? '');
  if (hour !== '24') {
    return `${year!}-${month!}-${day!}T${hour!}:${minute!}:${seconds}${offset}`;
  }

  // 24:00:00 is only valid with zero minutes and seconds, and names the start of the next day.
  const next = new Date(0);
  next.setUTCFullYear(Number(year), Number(month) - 1, Number(day) + 1);
  const nextYear = next.getUTCFullYear();
  const yearText = `${nextYear < 0 ? '-' : ''}${String(Math.abs(nextYear)).padStart(4, '0')}`;
  const pad = (part: number): string => String(part).padStart(2, '0');
  return `${yearText}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}T00:00:${seconds}${offset}`;
}
