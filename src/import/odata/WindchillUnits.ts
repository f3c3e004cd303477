import { PIECES } from '../BatchChecks.js';
import type { ImportIssue, SourceLocation } from '../ImportModel.js';
import { unitIri } from '../QuantityUnits.js';
import { isEntity, propertyText } from './WindchillParts.js';

/** Windchill's unit for a nominal quantity, such as adhesive or lockwire used as needed. It has no QUDT unit. */
export const AS_NEEDED = 'as_needed';

/** The QUDT unit of a PartUse's Unit, or the internal name of a unit that has none. */
export type UnitLookup = { iri: string; unmapped?: undefined } | { iri: typeof PIECES; unmapped: string };

/**
 * Returns the QUDT unit of a PartUse's Unit, an enumeration `{Value, Display}` that is `ea` when absent.
 * The `units` option comes first, by exact internal name, then the unit texts that every adapter maps
 * (unitIri), which include Windchill's sq_m and cu_m. A unit that neither maps, as_needed included,
 * becomes pieces, and `unmapped` names it so that the pull can warn.
 */
export function lookUpUnit(unit: unknown, units: Readonly<Record<string, string>>): UnitLookup {
  const value = propertyText(unit) ?? 'ea';
  if (Object.hasOwn(units, value)) {
    return { iri: units[value]! };
  }
  const iri = value === AS_NEEDED ? undefined : unitIri(value);
  return iri === undefined ? { iri: PIECES, unmapped: value } : { iri };
}

/** Maximum number of BOM lines that a warning about a unit names. */
const NAMED_LINES = 3;

/** BOM lines whose Windchill unit has no QUDT unit, with the unit's display name, for one warning per unit. */
interface UnmappedUnitUses {
  display: string | undefined;
  /** Each line as `CHILD in PARENT rev REVISION`. */
  lines: string[];
  location: SourceLocation;
}

/**
 * Collects the BOM lines of a pull whose unit has no QUDT unit and writes one warning per unit, naming
 * the first few lines so that a user can look one up.
 */
export class UnmappedUnits {
  private readonly uses = new Map<string, UnmappedUnitUses>();

  /** Records one BOM line, described as `CHILD in PARENT rev REVISION`, whose Unit `unit` (internal name `unmapped`) has no QUDT unit. */
  public add(unmapped: string, unit: unknown, line: string, location: SourceLocation): void {
    const display = isEntity(unit) && typeof unit.Display === 'string' && unit.Display !== unmapped ? unit.Display : undefined;
    const uses = this.uses.get(unmapped) ?? { display, lines: [], location };
    uses.lines.push(line);
    this.uses.set(unmapped, uses);
  }

  public warnings(): ImportIssue[] {
    return [...this.uses].map(([unit, uses]) => ({ severity: 'warning', message: unitWarning(unit, uses), location: uses.location }));
  }
}

function unitWarning(unit: string, uses: UnmappedUnitUses): string {
  const count = uses.lines.length === 1 ? 'the quantity of 1 BOM line is' : `the quantities of ${uses.lines.length} BOM lines are`;
  const named = uses.lines.slice(0, NAMED_LINES).join(', ');
  const more = uses.lines.length > NAMED_LINES ? ` and ${uses.lines.length - NAMED_LINES} more` : '';
  if (unit === AS_NEEDED) {
    return `Windchill unit ${AS_NEEDED} marks a nominal quantity, which has no QUDT unit, so ${count} stored as pieces: ${named}${more}.`;
  }
  const display = uses.display === undefined ? '' : ` ("${uses.display}")`;
  return (
    `Windchill unit "${unit}"${display} has no QUDT unit, so ${count} stored as pieces: ${named}${more}. ` +
    `To store the real unit, map "${unit}" to its QUDT unit IRI in a --mapping file, as in {"units": {"yd": "http://qudt.org/vocab/unit/YD"}}, ` +
    'or change these part uses in Windchill to a unit that the import maps, such as ea, m, mm, kg, g, l or ft.'
  );
}
