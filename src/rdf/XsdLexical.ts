import { XSD } from './namespaces.js';

/** Lexical forms of XSD datatypes (XML Schema 1.1 Part 2), for checking values before they reach a query. */
const LEXICAL: Record<string, RegExp> = {
  [XSD('dateTime')]: /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-4]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
  [XSD('date')]: /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?$/,
  [XSD('integer')]: /^[+-]?\d+$/,
  [XSD('decimal')]: /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  [XSD('double')]: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/,
  [XSD('float')]: /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN)$/,
  [XSD('boolean')]: /^(true|false|1|0)$/,
};

/** Example values, for messages that tell how to write a value. */
export const XSD_EXAMPLES: Record<string, string> = {
  [XSD('dateTime')]: '"2026-05-01T00:00:00Z"',
  [XSD('date')]: '"2026-05-01"',
  [XSD('integer')]: '42',
  [XSD('decimal')]: '12.5',
  [XSD('double')]: '1.5E3',
  [XSD('float')]: '1.5',
  [XSD('boolean')]: 'true',
};

/** Whether `value` is a valid lexical form of `datatype`; datatypes without a rule here always pass. */
export function isValidLexical(value: string, datatype: string): boolean {
  const rule = LEXICAL[datatype];
  return rule === undefined || rule.test(value);
}
