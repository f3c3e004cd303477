import { recordOf, referenceParameter, stringParameter, type Part21File } from './Part21Reader.js';
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
  SECOND: 'SEC',
};

/** QUDT units of CONVERSION_BASED_UNIT names. */
const CONVERSION_UNITS: Record<string, string> = { INCH: 'IN', FOOT: 'FT', POUND: 'LB', LITRE: 'L', LITER: 'L' };

/** CONTEXT_DEPENDENT_UNIT names that mean a count of pieces. */
const PIECE_NAMES = new Set(['each', 'pieces', 'piece', 'pcs', 'count', 'parts', 'unit', 'units']);

/**
 * Reads the quantity of a QUANTIFIED_ASSEMBLY_COMPONENT_USAGE: a MEASURE_WITH_UNIT(value_component,
 * unit_component) whose value is a typed measure such as COUNT_MEASURE(3.) and whose unit is an
 * SI_UNIT, CONVERSION_BASED_UNIT or CONTEXT_DEPENDENT_UNIT. Units it does not know count as pieces,
 * with a problem to report.
 */
export function quantityUnit(file: Part21File, measureId: number | undefined): { value?: number; unit: string; problem?: string } {
  const instance = measureId === undefined ? undefined : file.instances.get(measureId);
  const measure = instance?.records.find((record) => record.type === 'MEASURE_WITH_UNIT' || record.type.endsWith('_MEASURE_WITH_UNIT'));
  if (measure === undefined) {
    return { unit: PIECES, problem: `its quantity #${measureId ?? '?'} is not a MEASURE_WITH_UNIT.` };
  }
  const value = numberOf(measure.parameters[0]);
  if (value === undefined) {
    return { unit: PIECES, problem: `its quantity #${measureId} has no numeric value.` };
  }
  if (measure.parameters[0]?.kind === 'typed' && measure.parameters[0].type === 'COUNT_MEASURE') {
    return { value, unit: PIECES };
  }
  const unitId = referenceParameter(measure.parameters[1]);
  const unit = unitOf(file, unitId);
  return unit === undefined ? { value, unit: PIECES, problem: `the unit #${unitId ?? '?'} of its quantity is not one this import knows, so the quantity ${value} counts as pieces.` } : { value, unit };
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
