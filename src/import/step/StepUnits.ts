import { recordOf, referenceParameter, stringParameter, type Part21File, type Part21Instance } from './Part21Reader.js';
import type { Part21Value } from './Part21Parameters.js';

const UNIT = 'http://qudt.org/vocab/unit/';
const PIECES = `${UNIT}NUM`;

/** QUDT units of SI_UNIT(prefix, name) combinations that BOM quantities use. */
const SI_UNITS: Record<string, string> = {
  METRE: 'M',
  'MILLI METRE': 'MilliM',
  'CENTI METRE': 'CentiM',
  'KILO METRE': 'KiloM',
  GRAM: 'GM',
  'KILO GRAM': 'KiloGM',
  'MILLI GRAM': 'MilliGM',
  'SQUARE_METRE': 'M2',
  'CUBIC_METRE': 'M3',
  // A prefix scales the metre before the power (ISO 10303-41 si_unit), so MILLI CUBIC_METRE is mm³.
  'MILLI SQUARE_METRE': 'MilliM2',
  'CENTI SQUARE_METRE': 'CentiM2',
  'MILLI CUBIC_METRE': 'MilliM3',
  'CENTI CUBIC_METRE': 'CentiM3',
  SECOND: 'SEC',
};

/** QUDT units of CONVERSION_BASED_UNIT names. */
const CONVERSION_UNITS: Record<string, string> = { INCH: 'IN', FOOT: 'FT', POUND: 'LB', LITRE: 'L', LITER: 'L' };

/** CONTEXT_DEPENDENT_UNIT names that mean a count of pieces. */
const PIECE_NAMES = new Set(['each', 'pieces', 'piece', 'pcs', 'count', 'parts', 'unit', 'units']);

/**
 * Index of value_component among the parameters of a simple instance, by entity type. The
 * unit_component is the next parameter. The measure_with_unit subtypes of ISO 10303-41, such as
 * VOLUME_MEASURE_WITH_UNIT and UNCERTAINTY_MEASURE_WITH_UNIT, end in _MEASURE_WITH_UNIT and start
 * with both attributes. MEASURE_REPRESENTATION_ITEM is SUBTYPE OF (representation_item,
 * measure_with_unit) in ISO 10303-45 and in the AP203e2, AP214e3 and AP242 long forms, so
 * representation_item.name comes first. AP242 adds EXPRESSION_EXTENSION_NUMERIC, SUBTYPE OF
 * (measure_with_unit, numeric_expression).
 */
const VALUE_INDEX: Record<string, number> = { MEASURE_WITH_UNIT: 0, MEASURE_REPRESENTATION_ITEM: 1, EXPRESSION_EXTENSION_NUMERIC: 0 };

/** Returns whether an entity type is measure_with_unit or a subtype of it that a quantity can be. */
export function isMeasureType(type: string): boolean {
  return type in VALUE_INDEX || type.endsWith('_MEASURE_WITH_UNIT');
}

/**
 * Returns the value_component and unit_component of a measure_with_unit instance. A simple instance
 * lists the inherited attributes in the order of its SUBTYPE OF clause. A complex instance, such as
 * (LENGTH_MEASURE_WITH_UNIT() MEASURE_REPRESENTATION_ITEM() MEASURE_WITH_UNIT(...) REPRESENTATION_ITEM('')),
 * keeps them in its MEASURE_WITH_UNIT partial entity.
 */
function measureComponents(instance: Part21Instance | undefined): { value: Part21Value | undefined; unit: Part21Value | undefined } | undefined {
  if (instance === undefined) {
    return undefined;
  }
  const [first] = instance.records;
  if (instance.records.length === 1 && first !== undefined && isMeasureType(first.type)) {
    const index = VALUE_INDEX[first.type] ?? 0;
    return { value: first.parameters[index], unit: first.parameters[index + 1] };
  }
  const measure = recordOf(instance, 'MEASURE_WITH_UNIT');
  return measure === undefined ? undefined : { value: measure.parameters[0], unit: measure.parameters[1] };
}

/**
 * Reads the quantity of a QUANTIFIED_ASSEMBLY_COMPONENT_USAGE: a measure_with_unit (see
 * measureComponents) whose value is a typed measure such as COUNT_MEASURE(3.) and whose unit is an
 * SI_UNIT, CONVERSION_BASED_UNIT or CONTEXT_DEPENDENT_UNIT. A unit that it does not know gives no
 * value and a problem to report.
 */
export function quantityUnit(file: Part21File, measureId: number | undefined): { value?: number; unit: string; problem?: string } {
  const measure = measureComponents(measureId === undefined ? undefined : file.instances.get(measureId));
  if (measure === undefined) {
    return {
      unit: PIECES,
      problem:
        `its quantity #${measureId ?? '?'} is missing or not a MEASURE_WITH_UNIT or a subtype of it such as MEASURE_REPRESENTATION_ITEM. ` +
        `Refer to an instance such as MEASURE_WITH_UNIT(COUNT_MEASURE(2.),#unit).`,
    };
  }
  const value = numberOf(measure.value);
  if (value === undefined) {
    return { unit: PIECES, problem: `its quantity #${measureId} has no numeric value.` };
  }
  const unitId = referenceParameter(measure.unit);
  if (unitId !== undefined && !file.instances.has(unitId)) {
    return { unit: PIECES, problem: `the unit #${unitId} of its quantity ${value} is not in the file; refer to a unit instance of the file, or export the file again if it was cut short.` };
  }
  if (measure.value?.kind === 'typed' && measure.value.type === 'COUNT_MEASURE') {
    // The measure type states a count, so its unit, such as a NAMED_UNIT without dimensions, is not read.
    // NOTE: a count paired with a length or volume unit is read as pieces too, without a warning.
    return { value, unit: PIECES };
  }
  const unit = unitOf(file, unitId);
  if (unit === undefined) {
    // Counting 12 µm as 12 pieces would misstate the BOM, so the quantity is rejected, as in the other adapters.
    return { unit: PIECES, problem: `the unit #${unitId ?? '?'}${unitDescription(file, unitId)} of its quantity ${value} is not one this import knows; ${KNOWN_STEP_UNITS}` };
  }
  return { value, unit };
}

/** The units that quantities may have, as advice in messages. */
const KNOWN_STEP_UNITS =
  'write the quantity as a COUNT_MEASURE, or in an SI_UNIT (METRE, GRAM, SQUARE_METRE or CUBIC_METRE, with MILLI, CENTI or KILO where it applies), or in a CONVERSION_BASED_UNIT named INCH, FOOT, POUND or LITRE';

/** Returns ` (SI_UNIT .MICRO. .METRE.)`: the unit's entity types and enumeration values, for a message. */
function unitDescription(file: Part21File, unitId: number | undefined): string {
  const instance = unitId === undefined ? undefined : file.instances.get(unitId);
  if (instance === undefined) {
    return '';
  }
  const records = instance.records.map((record) => [record.type, ...record.parameters.filter((parameter) => parameter.kind === 'enumeration').map((parameter) => `.${parameter.value}.`)].join(' '));
  return ` (${records.join(', ')})`;
}

function numberOf(value: Part21Value | undefined): number | undefined {
  if (value?.kind === 'number') {
    return value.value;
  }
  if (value?.kind === 'typed') {
    return numberOf(value.value);
  }
  return undefined;
}

function unitOf(file: Part21File, unitId: number | undefined): string | undefined {
  const instance = unitId === undefined ? undefined : file.instances.get(unitId);
  const si = recordOf(instance, 'SI_UNIT');
  if (si !== undefined) {
    // SI_UNIT(prefix, name) in complex instances; a simple instance has the derived dimensions first.
    const [prefix, name] = si.parameters.slice(-2);
    const key = [prefix?.kind === 'enumeration' ? prefix.value : undefined, name?.kind === 'enumeration' ? name.value : undefined].filter((part) => part !== undefined).join(' ');
    const local = SI_UNITS[key];
    return local === undefined ? undefined : UNIT + local;
  }
  const conversion = recordOf(instance, 'CONVERSION_BASED_UNIT');
  if (conversion !== undefined) {
    const local = CONVERSION_UNITS[(stringParameter(conversion.parameters[0]) ?? '').trim().toUpperCase()];
    return local === undefined ? undefined : UNIT + local;
  }
  const contextDependent = recordOf(instance, 'CONTEXT_DEPENDENT_UNIT');
  if (contextDependent !== undefined && PIECE_NAMES.has((stringParameter(contextDependent.parameters.at(-1)) ?? '').trim().toLowerCase())) {
    return PIECES;
  }
  return undefined;
}
