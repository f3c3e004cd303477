import { EAR99, ear } from '../../ExportControl.js';
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

/** Part catalogue and bills of materials of the FCC-300 flight control computer. */

const FCC_EQUIPMENT = ear('7A994', '7E994');
const FCC_SOFTWARE = ear('7D994', '7E994');
const MICROPROCESSOR = ear('3A991.a.1', '3E991');
const PROGRAMMABLE_LOGIC = ear('3A991.d', '3E991');

const CHROMATED_6061 = 'Al 6061-T651 (AMS 4027), chromate conversion coated per MIL-DTL-5541 Class 3';
const ANODIZED_6063 = 'Al 6063-T5, black anodized per MIL-A-8625 Type II';
const SHEET_6061 = 'Al 6061-T6 sheet (AMS 4025), chromate conversion coated per MIL-DTL-5541 Class 3';
const POLYIMIDE_BOARD = 'Polyimide laminate per IPC-4101/41, built to IPC-6012 Class 3';
const CRES_FASTENER = 'CRES 300 series, passivated';

const resistor10k = chipResistor('10K0', '10.0 kΩ');
const resistor4k75 = chipResistor('4K75', '4.75 kΩ');
const resistor1k = chipResistor('1K00', '1.00 kΩ');
const resistor49r9 = chipResistor('49R9', '49.9 Ω');
const resistor100k = chipResistor('100K', '100 kΩ');
const resistor22r1 = chipResistor('22R1', '22.1 Ω');
const capacitor100n = ceramicCapacitor('104', '100 nF', 50);
const capacitor1u = ceramicCapacitor('105', '1 µF', 25);
const capacitor10n = ceramicCapacitor('103', '10 nF', 100);
const capacitor10u = ceramicCapacitor('106', '10 µF', 16);
const resistor2k21 = chipResistor('2K21', '2.21 kΩ');
const resistor33r2 = chipResistor('33R2', '33.2 Ω');
const resistor470r = chipResistor('470R', '470 Ω');
const capacitor220p = ceramicCapacitor('221', '220 pF', 100);
const capacitor4u7 = ceramicCapacitor('475', '4.7 µF', 25);

export const FCC_DESIGNS: PartDesign[] = [
  assembly(
    'fcc',
    '1000',
    'FCC-300 Flight Control Computer',
    [
      use('chassis-assembly', 1),
      use('lane-module', 3),
      use('io-module', 2),
      use('psu-module', 3),
      use('backplane-assembly', 1),
      use('ofp', 1),
      { ...use('maintenance-software', 1), effectivity: [{ valueType: 'SerialNumber', from: 13 }] },
      use('connector-j1', 2),
      use('connector-j3', 2),
      use('rack-connector', 1),
      use('ms24693-c274', 12),
      use('nameplate', 1),
    ],
    {
      description:
        'Triplex fly-by-wire flight control computer in a 3 MCU ARINC 600 chassis: three processing lanes with ' +
        'FPGA lane monitors, two ARINC 429 and discrete I/O modules and three independent 28 V power supplies.',
      electrical: true,
      serialPrefix: 'FCC',
      marking: FCC_EQUIPMENT,
      history: ['Obsolete', 'Released', 'UnderReview'],
    },
  ),

  assembly('chassis-assembly', '1100', 'Chassis assembly, 3 MCU', [
    use('chassis-housing', 1),
    use('top-cover', 1),
    use('bottom-cover', 1),
    { ...use('emi-gasket', 2), effectivity: [{ valueType: 'Date', from: '2024-09-02' }] },
    use('card-guide', 18),
    use('polarizing-key', 9),
    use('rear-panel', 1),
    use('front-panel-assembly', 1),
    use('ms24693-c4', 32),
  ]),
  assembly('chassis-housing', '1110', 'Chassis housing with thread inserts', [
    use('chassis-machining', 1),
    use('thread-insert', 24),
  ]),
  madePart('chassis-machining', '1111', 'Chassis housing, machined', CHROMATED_6061, 1.42),
  standardPart('thread-insert', 'MS21209C0415', 'Insert, screw thread, helical coil, 4-40 UNC, locking', 'CRES 304, passivated', 0.0003),
  madePart('top-cover', '1120', 'Cover, top', SHEET_6061, 0.214),
  madePart('bottom-cover', '1121', 'Cover, bottom', SHEET_6061, 0.187),
  madePart('emi-gasket', '1130', 'Gasket, EMI, cover', 'Nickel-graphite filled silicone, MIL-DTL-83528 Type M', 0.011),
  madePart('card-guide', '1140', 'Card guide, module slot', ANODIZED_6063, 0.0042),
  madePart('polarizing-key', '1141', 'Key, module slot polarizing', 'PEEK, natural', 0.0008),
  madePart('rear-panel', '1170', 'Rear panel, ARINC 600 connector cut-out', CHROMATED_6061, 0.19),
  assembly('front-panel-assembly', '1150', 'Front panel assembly', [
    use('front-panel', 1),
    use('front-harness', 1),
    use('nas1352-c04-6', 8),
  ]),
  madePart('front-panel', '1151', 'Front panel, machined', CHROMATED_6061, 0.281),
  assembly('front-harness', '1160', 'Harness, front panel connectors to backplane', [
    use('wire-22', 3.2, 'M'),
    use('wire-20', 1.4, 'M'),
    { ...use('cable-shielded', 2.1, 'M'), effectivity: [{ valueType: 'Date', from: '2024-01-15', to: '2026-06-30' }] },
    use('contact-socket', 180),
    use('backshell-17', 2),
    use('sleeving', 0.6, 'M'),
    use('lacing-tape', 1.5, 'M'),
  ]),
  bulkMaterial('wire-22', 'M22759/16-22-9', 'Wire, electrical, 22 AWG, ETFE insulated, white', 'Tin-coated copper, ETFE insulation', 0.0052),
  bulkMaterial('wire-20', 'M22759/16-20-9', 'Wire, electrical, 20 AWG, ETFE insulated, white', 'Tin-coated copper, ETFE insulation', 0.0071),
  bulkMaterial('cable-shielded', 'M27500-22SB2T23', 'Cable, shielded twisted pair, 22 AWG, ETFE jacket', 'Silver-plated copper, ETFE insulation and jacket', 0.0168),
  standardPart('contact-socket', 'M39029/57-354', 'Contact, socket, crimp, size 22D', 'Copper alloy, gold plated', 0.00025),
  standardPart('backshell-17', 'M85049/38S17W', 'Backshell, EMI/RFI, straight, shell size 17', 'Aluminium alloy, olive drab cadmium plated', 0.046),
  bulkMaterial('sleeving', 'M23053/5-104-0', 'Sleeving, heat-shrinkable, polyolefin, 6.4 mm, black', 'Cross-linked polyolefin', 0.0032),
  bulkMaterial('lacing-tape', 'A-A-52081-B-4', 'Lacing tape, polyester, finish B, size 4', 'Polyester, waxed', 0.0011),

  assembly(
    'lane-module',
    '2000',
    'Lane processing module',
    [
      use('lane-cca', 1),
      use('lane-frame-assembly', 1),
      use('thermal-pad', 2),
      use('nas1352-c04-6', 10),
      use('ejector-handle', 2),
      use('module-label', 1),
    ],
    { referenceClass: 'A', serialPrefix: 'LPM', marking: FCC_EQUIPMENT },
  ),
  assembly(
    'lane-cca',
    '2100',
    'Circuit card assembly, lane processor',
    [
      use('lane-pcb', 1),
      use('processor', 1),
      use('monitor-fpga', 1),
      use('sdram', 4),
      use('boot-flash', 1),
      use('oscillator', 1),
      use('voltage-regulator', 3),
      use(resistor10k.key, 24),
      use(resistor4k75.key, 12),
      use(resistor49r9.key, 16),
      use(resistor1k.key, 18),
      use(resistor100k.key, 6),
      use(resistor22r1.key, 8),
      use(resistor33r2.key, 12),
      use(resistor2k21.key, 4),
      use(capacitor100n.key, 40),
      use(capacitor220p.key, 6),
      use(capacitor1u.key, 12),
      use(capacitor10n.key, 8),
      use(capacitor10u.key, 6),
      use('backplane-plug', 1),
      use('processor-shield', 1),
    ],
    { electrical: true, serialPrefix: 'LCC' },
  ),
  madePart('lane-pcb', '2110', 'Printed wiring board, lane processor, 14 layers', POLYIMIDE_BOARD, 0.148),
  component('processor', 'PRX4080-18MB', 'Processor, quad-core, 1.8 GHz, 780-ball FC-BGA, -55 to 125 °C', 'U', 0.0118, {
    marking: MICROPROCESSOR,
  }),
  assembly('monitor-fpga', '2120', 'FPGA, lane monitor, programmed', [
    use('fpga-device', 1),
    use('monitor-fpga-configuration', 1),
  ], { referenceClass: 'U' }),
  component('fpga-device', 'LX325T-2FG900M', 'FPGA, 326k logic cells, 900-ball BGA, military temperature range', 'U', 0.0094, {
    marking: PROGRAMMABLE_LOGIC,
  }),
  softwarePart('monitor-fpga-configuration', '7100', 'FPGA configuration, lane monitor'),
  component('sdram', 'DR3L4G16-96M', 'SDRAM, DDR3L, 4 Gbit (256M x 16), 96-ball FBGA', 'U', 0.00035),
  assembly('boot-flash', '2130', 'Flash memory, boot loader, programmed', [
    use('nor-flash', 1),
    use('boot-loader', 1),
  ], { referenceClass: 'U' }),
  component('nor-flash', 'NF512S29-64M', 'Flash memory, NOR, 512 Mbit, 64-ball BGA', 'U', 0.0003),
  softwarePart('boot-loader', '7200', 'Boot loader software, lane processor', { marking: FCC_SOFTWARE }),
  madePart('processor-shield', '2140', 'Shield, EMI, processor area', 'Nickel silver CuNi18Zn20, 0.2 mm', 0.009),
  component('oscillator', 'XO100M-25M', 'Oscillator, crystal, 100 MHz, ±25 ppm, 3.3 V', 'Y', 0.0006),
  component('voltage-regulator', 'LDO3A-12M', 'Regulator, linear, low dropout, 1.2 V, 3 A', 'U', 0.0011),
  resistor10k,
  resistor4k75,
  resistor49r9,
  resistor1k,
  resistor100k,
  resistor22r1,
  capacitor100n,
  capacitor1u,
  capacitor10n,
  capacitor10u,
  resistor2k21,
  resistor33r2,
  resistor470r,
  capacitor220p,
  capacitor4u7,
  component('backplane-plug', 'HM2P-110FM', 'Connector, backplane, 2 mm hard metric, 110 positions, plug', 'P', 0.021),
  assembly('lane-frame-assembly', '2200', 'Module frame and heat sink assembly, lane', [
    use('heat-sink-lane', 1),
    use('wedge-lock', 2),
    use('thread-insert', 8),
    use('nas1352-c04-6', 4),
  ]),
  madePart('heat-sink-lane', '2210', 'Heat sink frame, lane module', ANODIZED_6063, 0.318),
  standardPart('wedge-lock', 'WL225-6.0-BK', 'Card retainer, wedge type, 6.0 in', 'Al 6061-T6, black anodized', 0.028),
  madePart('module-label', '2400', 'Label, module identification', 'Polyester film, acrylic adhesive, thermal transfer printed', 0.0004),
  madePart('thermal-pad', '2300', 'Thermal interface pad, 1.0 mm, die-cut', 'Boron nitride filled silicone elastomer, 3 W/(m·K)', 0.0031),
  standardPart('ejector-handle', 'IEH-3U-AL', 'Injector/ejector handle, module', 'Al 6061-T6, anodized', 0.011),

  assembly(
    'io-module',
    '3000',
    'Input/output module, ARINC 429 and discretes',
    [
      use('io-cca', 1),
      use('io-frame-assembly', 1),
      use('thermal-pad', 1),
      use('nas1352-c04-6', 8),
      use('ejector-handle', 2),
      use('module-label', 1),
    ],
    { referenceClass: 'A', serialPrefix: 'IOM', marking: FCC_EQUIPMENT },
  ),
  assembly(
    'io-cca',
    '3100',
    'Circuit card assembly, input/output',
    [
      use('io-pcb', 1),
      use('arinc-transceiver', 4),
      use('discrete-buffer', 6),
      use('io-cpld', 1),
      use(resistor10k.key, 32),
      use(resistor470r.key, 16),
      use(resistor1k.key, 16),
      use(resistor100k.key, 8),
      use(capacitor100n.key, 24),
      use(capacitor1u.key, 6),
      use(capacitor220p.key, 16),
      use('tvs-diode', 16),
      use('backplane-plug', 1),
    ],
    { electrical: true, serialPrefix: 'ICC' },
  ),
  madePart('io-pcb', '3110', 'Printed wiring board, input/output, 10 layers', POLYIMIDE_BOARD, 0.121),
  component('arinc-transceiver', 'A429TR-3M', 'Line driver and receiver, ARINC 429, 2 transmit and 4 receive channels', 'U', 0.0008),
  component('discrete-buffer', 'DB8I-28V-M', 'Buffer, discrete input, 8 channels, 28 V/open', 'U', 0.00021),
  assembly('io-cpld', '3120', 'CPLD, I/O sequencer, programmed', [
    use('cpld-device', 1),
    use('io-cpld-configuration', 1),
  ], { referenceClass: 'U' }),
  component('cpld-device', 'CP1270-TQ144M', 'CPLD, 1270 logic elements, 144-pin TQFP', 'U', 0.0013),
  softwarePart('io-cpld-configuration', '7300', 'CPLD configuration, I/O sequencer'),
  component('tvs-diode', 'JANTXV1N6469', 'Diode, transient voltage suppressor, 500 W', 'CR', 0.0004),
  assembly('io-frame-assembly', '3200', 'Module frame assembly, input/output', [
    use('heat-sink-io', 1),
    use('wedge-lock', 2),
    use('nas1352-c04-6', 4),
  ]),
  madePart('heat-sink-io', '3210', 'Frame, input/output module', ANODIZED_6063, 0.254),

  assembly(
    'psu-module',
    '4000',
    'Power supply module, 28 V DC input',
    [
      use('psu-cca', 1),
      use('psu-cover', 1),
      use('thermal-pad', 2),
      use('nas1352-c04-6', 6),
      use('ejector-handle', 2),
      use('module-label', 1),
    ],
    { referenceClass: 'A', serialPrefix: 'PSM', marking: FCC_EQUIPMENT },
  ),
  assembly(
    'psu-cca',
    '4100',
    'Circuit card assembly, power supply',
    [
      use('psu-pcb', 1),
      use('transformer', 2),
      use('power-mosfet', 4),
      use('pwm-controller', 2),
      use('tantalum-capacitor', 6),
      { ...use('holdup-capacitor-early', 4), effectivity: [{ valueType: 'SerialNumber', from: 1, to: 24 }] },
      { ...use('holdup-capacitor', 4), effectivity: [{ valueType: 'SerialNumber', from: 25 }] },
      use('inductor', 3),
      use('schottky-diode', 4),
      use(resistor10k.key, 10),
      use(resistor4k75.key, 6),
      use(resistor1k.key, 8),
      use(capacitor100n.key, 18),
      use(capacitor10n.key, 6),
      use(capacitor4u7.key, 8),
      use('backplane-plug', 1),
      use('heat-spreader', 1),
    ],
    { electrical: true, serialPrefix: 'PCC' },
  ),
  madePart('psu-pcb', '4110', 'Printed wiring board, power supply, 8 layers, 3 oz copper', POLYIMIDE_BOARD, 0.162),
  assembly('transformer', '4120', 'Transformer, flyback, 150 W', [
    use('ferrite-core', 2),
    use('magnet-wire', 4.6, 'M'),
    use('bobbin', 1),
    use('insulating-tape', 0.4, 'M'),
  ], { referenceClass: 'T' }),
  standardPart('ferrite-core', 'EFD30-3C95', 'Core half, ferrite, EFD30', 'Manganese-zinc ferrite', 0.012),
  bulkMaterial('magnet-wire', 'MW35C-26-HB', 'Magnet wire, 26 AWG, polyamide-imide, heavy build', 'Copper, class 200 insulation', 0.0013),
  madePart('bobbin', '4121', 'Bobbin, EFD30, 12 pins', 'Liquid crystal polymer, UL 94 V-0', 0.0028),
  bulkMaterial('insulating-tape', 'TPI-12.7-1', 'Tape, polyimide, 12.7 mm, silicone adhesive', 'Polyimide film', 0.0009),
  component('power-mosfet', 'JANTXV2N7236', 'Transistor, power MOSFET, N-channel, 100 V, 20 A', 'Q', 0.0024),
  component('pwm-controller', 'PWM3845-MQ', 'Controller, current-mode PWM, 500 kHz', 'U', 0.0002),
  component('tantalum-capacitor', 'M39003/01-2289', 'Capacitor, tantalum, 100 µF, 35 V', 'C', 0.0016),
  component('holdup-capacitor-early', 'CHU1500-63M', 'Capacitor, aluminium electrolytic, 1500 µF, 63 V, hold-up', 'C', 0.014),
  component('holdup-capacitor', 'CHU2200-63M', 'Capacitor, aluminium electrolytic, 2200 µF, 63 V, hold-up', 'C', 0.018),
  component('inductor', 'PCI-47U-8A', 'Inductor, power, 47 µH, 8 A, shielded', 'L', 0.0042),
  component('schottky-diode', 'JANTXV1N5819', 'Diode, Schottky, 40 V, 1 A', 'CR', 0.0003),
  madePart('heat-spreader', '4210', 'Heat spreader, power stage', 'Copper C11000, electroless nickel plated', 0.062),
  madePart('psu-cover', '4200', 'Cover, power supply module', SHEET_6061, 0.147),

  assembly(
    'backplane-assembly',
    '5000',
    'Backplane assembly',
    [use('backplane-cca', 1), use('stiffener', 1), use('nas1352-c06-8', 10)],
    { referenceClass: 'A' },
  ),
  assembly(
    'backplane-cca',
    '5100',
    'Circuit card assembly, backplane',
    [
      use('backplane-pcb', 1),
      use('backplane-receptacle', 9),
      use(resistor49r9.key, 24),
      use(capacitor100n.key, 12),
    ],
    { electrical: true },
  ),
  madePart('backplane-pcb', '5110', 'Printed wiring board, backplane, 20 layers', POLYIMIDE_BOARD, 0.264),
  component('backplane-receptacle', 'HM2R-110FM', 'Connector, backplane, 2 mm hard metric, 110 positions, receptacle', 'J', 0.031),
  madePart('stiffener', '5200', 'Stiffener, backplane', CHROMATED_6061, 0.118),

  softwarePart('ofp', '7000', 'Operational flight program', {
    description: 'Field-loadable DO-178C level A software part: control laws, redundancy management and built-in test.',
    marking: FCC_SOFTWARE,
    history: ['Obsolete', 'Obsolete', 'Released', 'InWork'],
  }),
  softwarePart('maintenance-software', '7400', 'Maintenance and data loading software', { marking: FCC_SOFTWARE }),
  component(
    'connector-j1',
    'D38999/24WJ35SN',
    'Connector, receptacle, MIL-DTL-38999 Series III, jam nut, shell 25, 128 sockets',
    'J',
    0.094,
    { marking: EAR99 },
  ),
  component(
    'connector-j3',
    'D38999/24WG35PN',
    'Connector, receptacle, MIL-DTL-38999 Series III, jam nut, shell 21, 79 pins',
    'J',
    0.071,
    { marking: EAR99 },
  ),
  component('rack-connector', 'A600-S2-150P', 'Connector, rack and panel, ARINC 600, shell size 2, 150 contacts', 'J', 0.16, {
    marking: EAR99,
  }),
  standardPart('ms24693-c274', 'MS24693-C274', 'Screw, machine, flat countersunk 100°, cross-recessed, 8-32 x 0.500', CRES_FASTENER, 0.0024, {
    marking: EAR99,
  }),
  standardPart('ms24693-c4', 'MS24693-C4', 'Screw, machine, flat countersunk 100°, cross-recessed, 4-40 x 0.250', CRES_FASTENER, 0.0006),
  standardPart('nas1352-c04-6', 'NAS1352C04-6', 'Screw, cap, socket head, 4-40 x 0.375', CRES_FASTENER, 0.0011, { marking: EAR99 }),
  standardPart('nas1352-c06-8', 'NAS1352C06-8', 'Screw, cap, socket head, 6-32 x 0.500', CRES_FASTENER, 0.0019),
  madePart('nameplate', '1200', 'Nameplate, FCC-300', 'Al 5052-H32 foil, anodized, laser marked', 0.0074),

  bulkMaterial('threadlocker', 'MIL-S-46163-II-N', 'Sealing compound, thread locking, MIL-S-46163 Type II Grade N', 'Anaerobic methacrylate', 1),
  bulkMaterial('thermal-grease', 'TCG-ZNO-50', 'Compound, heat sink, silicone-free', 'Zinc oxide filled synthetic grease', 1),
];

/** Manufacturing BOM of the lane module: the EBOM items plus the consumables used on the assembly line. */
export const FCC_MANUFACTURING_BOM: ManufacturingBom = {
  assembly: 'lane-module',
  lines: [
    use('lane-cca', 1),
    use('thermal-grease', 0.002, 'KiloGM'),
    use('thermal-pad', 2),
    use('lane-frame-assembly', 1),
    use('nas1352-c04-6', 10),
    use('threadlocker', 0.0005, 'KiloGM'),
    use('ejector-handle', 2),
  ],
};
