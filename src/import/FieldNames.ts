/**
 * Reduces a source's field name, such as a CSV header or a PLM XML UserValue title, to the form in which
 * the import compares names: lower case, without spaces and punctuation other than `#` and `/`. So
 * `Part Number`, `part_number` and `PartNumber` are one name, and `Part #` and `P/N` keep their marks.
 */
export function fieldNameKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9#/]/g, '');
}
