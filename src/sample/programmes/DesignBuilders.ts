import type { PartDesign, QuantityUnit, Usage } from './ProgrammeDefinition.js';

/** Shorthands for writing part catalogues. */

type Extra = Partial<Omit<PartDesign, 'key' | 'title' | 'kind'>>;

export function assembly(key: string, drawing: string, title: string, children: Usage[], extra: Extra = {}): PartDesign {
  return { key, title, kind: 'assembly', drawing, children, ...extra };
}

/** Creates an in-house machined, moulded or sheet-metal piece part. */
export function madePart(key: string, drawing: string, title: string, material: string, mass: number, extra: Extra = {}): PartDesign {
  return { key, title, kind: 'mechanical', drawing, material, mass, ...extra };
}

/** Creates a standard (NAS, MS, AN, MIL-spec) or catalogue mechanical part. */
export function standardPart(key: string, partNumber: string, title: string, material: string, mass: number, extra: Extra = {}): PartDesign {
  return { key, title, kind: 'mechanical', partNumber, material, mass, ...extra };
}

/** Creates a purchased electrical or electronic component. */
export function component(
  key: string,
  partNumber: string,
  title: string,
  referenceClass: string | undefined,
  mass: number,
  extra: Extra = {},
): PartDesign {
  const design: PartDesign = { key, title, kind: 'electronic', partNumber, mass, ...extra };
  if (referenceClass !== undefined) {
    design.referenceClass = referenceClass;
  }
  return design;
}

/** Creates an in-house software or programmable-logic load, which has a part number like hardware. */
export function softwarePart(key: string, drawing: string, title: string, extra: Extra = {}): PartDesign {
  return { key, title, kind: 'software', drawing, ...extra };
}

/** Creates material bought by length or mass (wire, sleeving, compounds, fluids), whose `mass` is per metre or per kilogram. */
export function bulkMaterial(key: string, partNumber: string, title: string, material: string, mass: number): PartDesign {
  return { key, title, kind: 'bulk', partNumber, material, mass };
}

export function use(part: string, quantity: number, unit: QuantityUnit = 'NUM'): Usage {
  return { part, quantity, unit };
}

/** Creates a MIL-PRF-55342 chip resistor whose part number contains the IEC 60062 value code (10K0 = 10.0 kΩ). */
export function chipResistor(valueCode: string, value: string): PartDesign {
  return component(
    `resistor-${valueCode.toLowerCase()}`,
    `M55342K06B${valueCode}R`,
    `Resistor, thick film chip, ${value}, 1 %, 0805`,
    'R',
    0.000012,
  );
}

/** Creates a MIL-PRF-123 ceramic chip capacitor from the EIA capacitance code (104 = 100 nF). */
export function ceramicCapacitor(code: string, value: string, voltage: number): PartDesign {
  return component(
    `capacitor-${code}-${voltage}v`,
    `M123A10BXB${code}K${voltage >= 100 ? 'S' : 'N'}`,
    `Capacitor, ceramic chip, ${value}, ${voltage} V, X7R, 0805`,
    'C',
    0.000021,
  );
}
