import { PIECES } from '../BatchChecks.js';
import type { ImportIssue, SourceLocation } from '../ImportModel.js';
import { KNOWN_UNIT_TEXTS, unitIri } from '../QuantityUnits.js';
import { isEntity, propertyText } from './WindchillParts.js';
import { firstNamed } from '../FirstNamed.js';

/** Windchill's unit for a nominal quantity, such as adhesive or lockwire used as needed. It has no QUDT unit. */
export const AS_NEEDED = 'as_needed';

/** The QUDT unit of a PartUse's Unit, or the internal name of a unit that has none. */
export type UnitLookup = { iri: string; unmapped?: undefined } | { iri: typeof PIECES; unmapped: string };

/**
 * Returns the QUDT unit of a PartUse's Unit, an enumeration `{Value, Display}` that is `ea` when absent.
 * The `units` option comes first, by exact internal name, then the unit texts that every adapter maps
 * (unitIri), which include Windchill's sq_m and cu_m. For a unit that neither maps, as_needed included,
 * `unmapped` names it so that the pull can report it.
 */
export function lookUpUnit(unit: unknown, units: Readonly<Record<string, string>>): UnitLookup {
  const value = propertyText(unit) ?? 'ea';
  if (Object.hasOwn(units, value)) {
    return { iri: units[value]! };
  }
  const iri = value === AS_NEEDED ? undefined : unitIri(value);
  return iri === undefined ? { iri: PIECES, unmapped: value } : { iri };
}

/** Maximum number of BOM lines that an issue about a unit names. */
const NAMED_LINES = 3;

/** BOM lines whose Windchill unit has no QUDT unit, with the unit's display name, for one issue per unit. */
interface UnmappedUnitUses {
  display: string | undefined;
  /** Each line as `CHILD in PARENT rev REVISION`. */
  lines: string[];
  location: SourceLocation;
}

/**
 * Collects the BOM lines of a pull whose unit has no QUDT unit and reports one issue per unit, naming
 * the first few lines so that a user can look one up. Storing such a quantity as pieces would change
 * its meaning (3 yd is not 3 pieces), so a site's own unit is an error, as in the CSV and PLM XML
 * adapters. Only as_needed, whose quantity is nominal, is stored as pieces with a warning.
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

  public issues(): ImportIssue[] {
    return [...this.uses].map(([unit, uses]): ImportIssue => {
      if (unit === AS_NEEDED) {
        return { severity: 'warning', message: asNeededWarning(uses), location: uses.location };
      }
      return { severity: 'error', message: unknownUnitError(unit, uses), location: uses.location };
    });
  }
}

/** Returns the BOM lines of one unit for a message: `the quantity of 1 BOM line` and the first lines. */
function namedLines(uses: UnmappedUnitUses): { count: string; named: string } {
  const count = uses.lines.length === 1 ? 'the quantity of 1 BOM line' : `the quantities of ${uses.lines.length} BOM lines`;
  return { count, named: firstNamed(uses.lines, NAMED_LINES) };
}

function asNeededWarning(uses: UnmappedUnitUses): string {
  const { count, named } = namedLines(uses);
  return `Windchill unit ${AS_NEEDED} marks a nominal quantity, which has no QUDT unit, so ${count} ${uses.lines.length === 1 ? 'is' : 'are'} stored as pieces: ${named}.`;
}

function unknownUnitError(unit: string, uses: UnmappedUnitUses): string {
  const { count, named } = namedLines(uses);
  const display = uses.display === undefined ? '' : ` ("${uses.display}")`;
  return (
    `Windchill unit "${unit}"${display} has no QUDT unit, so ${count} cannot be stored: ${named}. ` +
    `Map "${unit}" to its QUDT unit IRI in a --mapping file, as in {"units": {"yd": "http://qudt.org/vocab/unit/YD"}}, ` +
    `or change these part uses in Windchill to a unit that the import maps: ${KNOWN_UNIT_TEXTS}.`
  );
}
