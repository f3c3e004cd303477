import { EAR99, ear, itar } from '../../ExportControl.js';
import {
  assembly,
  bulkMaterial,
  ceramicCapacitor,
  chipResistor,
  component,
  madePart,
  softwarePart,
  standardPart,
  use,
} from '../DesignBuilders.js';
import type { ManufacturingBom, PartDesign } from '../ProgrammeDefinition.js';

/** Part catalogue and bills of materials of the EHA-90 electro-hydrostatic actuation system. */

const MILITARY_AIRCRAFT_PART = ear('9A610.x', '9E610.a');
const MILITARY_AIRCRAFT_SOFTWARE = ear('9D610.a', '9E610.a');
const BALLISTIC_TOLERANT = itar('VIII(h)(1)', 'VIII(i)');

const HARD_ANODIZED_7075 = 'Al 7075-T7351 (AMS 4078), hard anodized per MIL-A-8625 Type III';
const TITANIUM = 'Ti-6Al-4V (AMS 4928)';
const CHROMED_ROD = '15-5PH CRES, H1025 (AMS 5659), chrome plated per AMS 2460';
const NITRILE = 'Nitrile rubber (AMS-P-83461)';
const CRES_FASTENER = 'CRES 300 series, passivated';

const resistor10k = chipResistor('10K0', '10.0 kΩ');
const resistor1k = chipResistor('1K00', '1.00 kΩ');
const resistor4k75 = chipResistor('4K75', '4.75 kΩ');
const resistor2r = chipResistor('2R00', '2.00 Ω');
const capacitor100n = ceramicCapacitor('104', '100 nF', 50);
const capacitor1u = ceramicCapacitor('105', '1 µF', 25);
const capacitor10n = ceramicCapacitor('103', '10 nF', 100);

function oRing(dash: string, mass: number): PartDesign {
  return standardPart(`ms28775-${dash}`, `MS28775-${dash}`, `Packing, preformed, O-ring, hydraulic, dash ${dash}`, NITRILE, mass);
}

function actuator(side: 'aileron' | 'elevator', drawing: string, fluidMass: number): PartDesign {
  return assembly(
    `actuator-${side}`,
    drawing,
    `Electro-hydrostatic actuator, ${side}`,
    [
      use('motor-pump-unit', 1),
      use('manifold-assembly', 1),
      use(`cylinder-${side}`, 1),
      use('lvdt', 1),
      use('drive-electronics', 1),
      use('actuator-harness', 1),
      use(`bracket-${side}`, 2),
      use('hydraulic-fluid', fluidMass, 'KiloGM'),
      use('motor-control-software', 1),
      use('nas1352-c06-8', 12),
      use('ms28775-228', 2),
      use('lvdt-bracket', 1),
      use('nameplate', 1),
    ],
    { serialPrefix: side === 'aileron' ? 'EHA' : 'EHE', marking: MILITARY_AIRCRAFT_PART },
  );
}

export const EHA_DESIGNS: PartDesign[] = [
  assembly(
    'eha-shipset',
    '1000',
    'EHA-90 Electro-Hydrostatic Actuation System, shipset',
    [use('actuator-aileron', 2), use('actuator-elevator', 2), use('installation-kit', 1)],
    {
      description:
        'Shipset of four self-contained electro-hydrostatic actuators (two aileron, two elevator) for the primary ' +
        'flight control surfaces of a light military jet trainer, with installation hardware.',
      serialPrefix: 'EHS',
      marking: MILITARY_AIRCRAFT_PART,
      history: ['Released', 'InWork'],
    },
  ),
  actuator('aileron', '1100', 0.42),
  actuator('elevator', '1200', 0.51),

  assembly('motor-pump-unit', '2000', 'Motor-pump unit', [
    use('motor-assembly', 1),
    use('pump-assembly', 1),
    use('coupling', 1),
    use('ms28775-214', 2),
    use('nas1352-c06-8', 6),
  ], { serialPrefix: 'MPU', marking: MILITARY_AIRCRAFT_PART }),
  assembly('motor-assembly', '2100', 'Motor, brushless DC, 3 kW, 270 V', [
    use('stator', 1),
    use('rotor', 1),
    use('motor-housing', 1),
    use('resolver', 1),
    use('ball-bearing', 2),
    use('wave-spring', 1),
  ]),
  madePart('stator', '2110', 'Stator, wound, 12 slots', 'Electrical steel laminations M270-35A, class 220 magnet wire', 0.86),
  madePart('rotor', '2120', 'Rotor with samarium-cobalt magnets', 'Sm2Co17 magnets on 17-4PH CRES shaft', 0.54),
  madePart('motor-housing', '2130', 'Housing, motor', 'Al 2219-T851, sulfuric acid anodized per MIL-A-8625 Type II', 0.62),
  component('resolver', 'RSV15-1X-M', 'Resolver, brushless, size 15, single speed', undefined, 0.095),
  standardPart('ball-bearing', 'MS27641-4', 'Bearing, ball, annular, deep groove, 20 mm bore', 'CRES 440C', 0.032),
  standardPart('wave-spring', 'WSM-47-S17', 'Spring, wave, bearing preload, 47 mm', 'CRES 17-7PH', 0.004),
  assembly('pump-assembly', '2200', 'Pump, axial piston, fixed displacement, 0.8 cm³/rev', [
    use('cylinder-block', 1),
    use('pump-piston', 9),
    use('swashplate', 1),
    use('valve-plate', 1),
    use('pump-shaft', 1),
    use('ball-bearing', 2),
    use('pump-housing', 1),
    use('ms28775-114', 2),
    use('ms28775-116', 1),
  ]),
  madePart('pump-housing', '2260', 'Housing, pump', HARD_ANODIZED_7075, 0.28),
  madePart('cylinder-block', '2210', 'Cylinder block, pump', 'Aluminium bronze (AMS 4640)', 0.21),
  madePart('pump-piston', '2220', 'Piston and slipper, pump', 'AISI 52100 steel, through hardened; leaded bronze slipper', 0.011),
  madePart('swashplate', '2230', 'Swashplate, fixed angle 16°', 'AISI 4340 steel (AMS 6414), nitrided', 0.12),
  madePart('valve-plate', '2240', 'Valve plate', 'M2 tool steel, hardened and lapped', 0.045),
  madePart('pump-shaft', '2250', 'Shaft, pump drive', '17-4PH CRES, H1025 (AMS 5643)', 0.064),
  madePart('coupling', '2300', 'Coupling, splined, motor to pump', 'AISI 4340 steel (AMS 6414)', 0.038),

  assembly('manifold-assembly', '3000', 'Manifold assembly', [
    use('manifold-body', 1),
    use('check-valve', 2),
    { ...use('relief-valve-early', 2), effectivity: [{ valueType: 'SerialNumber', to: 8 }] },
    { ...use('relief-valve', 2), effectivity: [{ valueType: 'SerialNumber', from: 9 }] },
    use('accumulator', 1),
    use('mode-valve', 1),
    use('pressure-transducer', 1),
    use('fill-port-plug', 2),
    use('bleed-screw', 1),
    use('ms28775-012', 6),
    use('ms28775-010', 3),
    use('lockwire', 0.3, 'M'),
  ], { serialPrefix: 'MAN' }),
  madePart('manifold-body', '3100', 'Manifold body, machined', HARD_ANODIZED_7075, 1.18, { marking: BALLISTIC_TOLERANT }),
  madePart('fill-port-plug', '3110', 'Plug, fill port', 'CRES 303 (AMS 5640), passivated', 0.012),
  madePart('bleed-screw', '3120', 'Screw, bleed, with captive ball', 'CRES 303 (AMS 5640), passivated', 0.004),
  standardPart('check-valve', 'CV-516-020', 'Valve, check, cartridge, 5/16 in, 0.2 bar cracking', 'CRES 440C poppet, 17-4PH CRES body', 0.024),
  standardPart('relief-valve-early', 'RV-516-210A', 'Valve, relief, cartridge, set 210 bar', 'CRES 17-4PH', 0.041),
  standardPart('relief-valve', 'RV-516-210B', 'Valve, relief, cartridge, set 210 bar, improved seat', 'CRES 17-4PH', 0.041),
  assembly('accumulator', '3200', 'Accumulator, piston type, 15 cm³, spring loaded', [
    use('accumulator-housing', 1),
    use('accumulator-piston', 1),
    use('accumulator-spring', 1),
    use('ms28775-228', 2),
    use('ms28774-228', 2),
  ]),
  madePart('accumulator-housing', '3210', 'Housing, accumulator', HARD_ANODIZED_7075, 0.16),
  madePart('accumulator-piston', '3220', 'Piston, accumulator', 'Al 2024-T351, hard anodized', 0.022),
  standardPart('accumulator-spring', 'CS-31-88-17', 'Spring, compression, 31 mm OD, 88 mm free length', 'CRES 17-7PH (AMS 5678)', 0.035),
  component('mode-valve', 'SV28-2W-BP', 'Valve, solenoid, 2-way, 28 V DC, bypass mode', undefined, 0.14),
  component('pressure-transducer', 'PT350B-M', 'Transducer, pressure, 0 to 350 bar, 4 to 20 mA', undefined, 0.052),

  assembly('cylinder-aileron', '4000', 'Cylinder and piston rod assembly, aileron, 76 mm stroke', [
    use('cylinder-barrel-aileron', 1),
    use('piston-rod-aileron', 1),
    use('end-gland', 1),
    use('ms28775-330', 1),
  ], { serialPrefix: 'CRA' }),
  madePart('cylinder-barrel-aileron', '4100', 'Cylinder barrel, aileron', TITANIUM, 0.64),
  assembly('piston-rod-aileron', '4200', 'Piston and rod assembly, aileron', [
    use('piston-rod-shaft-aileron', 1),
    use('piston', 1),
    { ...use('rod-end', 1), effectivity: [{ valueType: 'Date', from: '2024-06-03' }] },
    use('piston-seal', 1),
    use('ms28775-214', 1),
    use('jam-nut', 1),
  ]),
  madePart('piston-rod-shaft-aileron', '4210', 'Piston rod, aileron', CHROMED_ROD, 0.41),
  madePart('jam-nut', '4230', 'Nut, jam, rod end, M12 x 1.25', '15-5PH CRES, H1025 (AMS 5659)', 0.009),
  madePart('piston', '4220', 'Piston, actuator', '15-5PH CRES, H1025 (AMS 5659)', 0.12),
  standardPart('rod-end', 'RE-M12-SB', 'Rod end, spherical bearing, M12, self-lubricating liner', 'CRES 17-4PH body, PTFE liner', 0.068),
  standardPart('piston-seal', 'PS-50-PTFE', 'Seal, piston, PTFE cap with elastomer energizer, 50 mm bore', 'Bronze-filled PTFE, FKM energizer', 0.006),
  assembly('end-gland', '4300', 'End gland with rod seals', [
    use('end-gland-body', 1),
    use('rod-seal', 1),
    use('rod-wiper', 1),
    use('ms28775-228', 1),
  ]),
  madePart('end-gland-body', '4310', 'End gland, machined', 'Aluminium bronze (AMS 4640)', 0.19),
  standardPart('rod-seal', 'RS-25-PTFE', 'Seal, rod, PTFE step seal, 25 mm rod', 'Bronze-filled PTFE, nitrile energizer', 0.004),
  standardPart('rod-wiper', 'RW-25-PU', 'Wiper, rod, double lip, 25 mm rod', 'Polyurethane', 0.002),
  assembly('cylinder-elevator', '5000', 'Cylinder and piston rod assembly, elevator, 102 mm stroke, ballistic tolerant', [
    use('cylinder-barrel-elevator', 1),
    use('piston-rod-elevator', 1),
    use('end-gland', 1),
    use('ms28775-330', 1),
  ], { serialPrefix: 'CRE', marking: BALLISTIC_TOLERANT }),
  madePart('cylinder-barrel-elevator', '5100', 'Cylinder barrel, elevator, ballistic tolerant', TITANIUM, 0.81, {
    marking: BALLISTIC_TOLERANT,
  }),
  assembly('piston-rod-elevator', '5200', 'Piston and rod assembly, elevator', [
    use('piston-rod-shaft-elevator', 1),
    use('piston', 1),
    use('rod-end', 1),
    use('piston-seal', 1),
    use('ms28775-214', 1),
    use('jam-nut', 1),
  ]),
  madePart('piston-rod-shaft-elevator', '5210', 'Piston rod, elevator, ballistic tolerant', CHROMED_ROD, 0.52, {
    marking: BALLISTIC_TOLERANT,
  }),
  component('lvdt', 'LVDT-110-4W-M', 'Transducer, linear position, LVDT, 110 mm stroke, 4-wire', undefined, 0.085),

  assembly('drive-electronics', '6000', 'Motor drive electronics unit', [
    use('drive-cca', 1),
    use('electronics-housing', 1),
    use('electronics-cover', 1),
    use('thermal-pad-power', 2),
    use('nas1352-c04-6', 8),
    use('connector-plug', 1),
  ], { electrical: true, serialPrefix: 'MDE', marking: MILITARY_AIRCRAFT_PART }),
  assembly(
    'drive-cca',
    '6100',
    'Circuit card assembly, motor drive',
    [
      use('drive-pcb', 1),
      use('signal-controller', 1),
      use('gate-driver', 3),
      use('sic-mosfet', 6),
      use('current-sensor', 3),
      use('protection-cpld', 1),
      use('link-capacitor', 4),
      use(resistor10k.key, 16),
      use(resistor1k.key, 12),
      use(resistor4k75.key, 6),
      use(resistor2r.key, 6),
      use(capacitor100n.key, 20),
      use(capacitor1u.key, 4),
      use(capacitor10n.key, 6),
    ],
    { electrical: true, referenceClass: 'A', serialPrefix: 'DCC' },
  ),
  madePart('drive-pcb', '6110', 'Printed wiring board, motor drive, 6 layers, 4 oz copper', 'Polyimide laminate per IPC-4101/41, built to IPC-6012 Class 3', 0.118),
  component('signal-controller', 'DSC28-150M', 'Digital signal controller, 32-bit, 150 MHz, 176-pin LQFP', 'U', 0.0016),
  component('gate-driver', 'GDH600-2M', 'Gate driver, isolated, half bridge', 'U', 0.0009),
  component('sic-mosfet', 'SCM650-40M', 'Transistor, SiC MOSFET, 650 V, 40 A', 'Q', 0.0058),
  component('current-sensor', 'CSH50A-M', 'Sensor, current, Hall effect, ±50 A', 'U', 0.0031),
  { key: 'protection-cpld', title: 'CPLD, power stage protection, programmed', kind: 'electronic', drawing: '6120', referenceClass: 'U', mass: 0.0013 },
  component('link-capacitor', 'CFL47U-400', 'Capacitor, film, 47 µF, 400 V, DC link', 'C', 0.032),
  resistor10k,
  resistor1k,
  resistor4k75,
  resistor2r,
  capacitor100n,
  capacitor1u,
  capacitor10n,
  madePart('electronics-housing', '6200', 'Housing, motor drive electronics', 'Al A356.0-T6 casting (AMS 4218)', 0.48),
  madePart('electronics-cover', '6210', 'Cover, motor drive electronics', 'Al 6061-T6 sheet (AMS 4025), chromate conversion coated per MIL-DTL-5541 Class 3', 0.12),
  madePart('thermal-pad-power', '6300', 'Thermal interface pad, 0.5 mm, power stage', 'Boron nitride filled silicone elastomer, 5 W/(m·K)', 0.002),
  component('connector-plug', 'D38999/26WD35PN', 'Connector, plug, MIL-DTL-38999 Series III, shell 15, 37 pins', 'P', 0.042, { marking: EAR99 }),

  assembly('actuator-harness', '6400', 'Harness, actuator', [
    use('connector-receptacle', 1),
    use('wire-22', 1.8, 'M'),
    { ...use('cable-shielded', 1.2, 'M'), effectivity: [{ valueType: 'Date', from: '2024-02-01', to: '2026-12-31' }] },
    use('contact-pin', 24),
    use('backshell-15', 1),
    use('sleeving', 0.4, 'M'),
  ]),
  component('connector-receptacle', 'D38999/20WD35SN', 'Connector, receptacle, MIL-DTL-38999 Series III, wall mount, shell 15, 37 sockets', 'J', 0.048, {
    marking: EAR99,
  }),
  bulkMaterial('wire-22', 'M22759/16-22-9', 'Wire, electrical, 22 AWG, ETFE insulated, white', 'Tin-coated copper, ETFE insulation', 0.0052),
  bulkMaterial('cable-shielded', 'M27500-22SB3T23', 'Cable, shielded, 3 conductors, 22 AWG, ETFE jacket', 'Silver-plated copper, ETFE insulation and jacket', 0.0224),
  standardPart('contact-pin', 'M39029/58-360', 'Contact, pin, crimp, size 22D', 'Copper alloy, gold plated', 0.00022),
  standardPart('backshell-15', 'M85049/38S15W', 'Backshell, EMI/RFI, straight, shell size 15', 'Aluminium alloy, olive drab cadmium plated', 0.038),
  bulkMaterial('sleeving', 'M23053/5-104-0', 'Sleeving, heat-shrinkable, polyolefin, 6.4 mm, black', 'Cross-linked polyolefin', 0.0032),

  madePart('bracket-aileron', '7100', 'Bracket, actuator mounting, aileron', 'Ti-6Al-4V (AMS 4911)', 0.21),
  madePart('bracket-elevator', '7200', 'Bracket, actuator mounting, elevator', 'Ti-6Al-4V (AMS 4911)', 0.26),
  madePart('lvdt-bracket', '7300', 'Bracket, LVDT mounting', HARD_ANODIZED_7075, 0.045),
  madePart('nameplate', '7400', 'Nameplate, actuator', 'Al 5052-H32 foil, anodized, laser marked', 0.006),
  bulkMaterial('hydraulic-fluid', 'MIL-PRF-87257', 'Hydraulic fluid, synthetic hydrocarbon, fire resistant', 'Polyalphaolefin', 1),
  softwarePart('motor-control-software', '8000', 'Motor control software', {
    description: 'DO-178C level A software of the motor drive electronics: position, speed and current loops, monitoring and health reporting.',
    marking: MILITARY_AIRCRAFT_SOFTWARE,
    history: ['Obsolete', 'Released', 'UnderReview'],
  }),

  assembly('installation-kit', '9000', 'Installation kit, actuator attachment', [
    use('nas6204-14', 8),
    use('ms21042-l4', 8),
    use('nas1149-c0463r', 16),
    use('lockwire', 1.2, 'M'),
  ]),
  standardPart('nas6204-14', 'NAS6204-14', 'Bolt, hex head, close tolerance, 1/4-28, grip 14', 'Alloy steel, cadmium plated', 0.018, { marking: EAR99 }),
  standardPart('ms21042-l4', 'MS21042L4', 'Nut, self-locking, reduced hex, 1/4-28', 'CRES A286', 0.0035),
  standardPart('nas1149-c0463r', 'NAS1149C0463R', 'Washer, flat, 1/4, 0.063 thick', CRES_FASTENER, 0.0011),
  bulkMaterial('lockwire', 'MS20995C32', 'Wire, safety, 0.032 in', 'CRES 302/304', 0.0041),
  standardPart('nas1352-c04-6', 'NAS1352C04-6', 'Screw, cap, socket head, 4-40 x 0.375', CRES_FASTENER, 0.0011),
  standardPart('nas1352-c06-8', 'NAS1352C06-8', 'Screw, cap, socket head, 6-32 x 0.500', CRES_FASTENER, 0.0019, { marking: EAR99 }),
  oRing('010', 0.0001),
  oRing('012', 0.0002),
  oRing('114', 0.0006),
  oRing('116', 0.0007),
  oRing('214', 0.0014),
  oRing('228', 0.0021),
  oRing('330', 0.0048),
  standardPart('ms28774-228', 'MS28774-228', 'Retainer, packing backup, single turn, dash 228', 'PTFE', 0.0008),

  bulkMaterial('seal-lubricant', 'MIL-PRF-83282-LUBE', 'Lubricant, seal installation, MIL-PRF-83282 fluid', 'Synthetic hydrocarbon', 1),
  bulkMaterial('threadlocker', 'MIL-S-46163-II-N', 'Sealing compound, thread locking, MIL-S-46163 Type II Grade N', 'Anaerobic methacrylate', 1),
];

/** Manufacturing BOM of the aileron piston and rod assembly, with the consumables of the seal installation step. */
export const EHA_MANUFACTURING_BOM: ManufacturingBom = {
  assembly: 'piston-rod-aileron',
  lines: [
    use('piston-rod-shaft-aileron', 1),
    use('seal-lubricant', 0.003, 'KiloGM'),
    use('piston-seal', 1),
    use('ms28775-214', 1),
    use('piston', 1),
    use('threadlocker', 0.0004, 'KiloGM'),
    use('rod-end', 1),
  ],
};
