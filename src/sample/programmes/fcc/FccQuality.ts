import type { NonConformanceSpec, TelemetryPlan } from '../ProgrammeDefinition.js';

/** Non-conformance history and in-service telemetry of the FCC-300. */

export const FCC_NON_CONFORMANCES: NonConformanceSpec[] = [
  {
    title: 'Voids under processor BGA exceed 25 % of ball area',
    description: 'X-ray inspection after reflow found voiding of up to 31 % under the processor balls in rows A to C, above the 25 % limit of IPC-A-610 Class 3.',
    status: 'Dispositioned', severity: 'Major', defectCode: 'SOL-04', parts: ['lane-cca'], disposition: 'Rework', quantity: [1, 3],
  },
  {
    title: 'Conformal coating thinner than minimum on I/O card',
    description: 'Coating thickness measured 18 µm to 22 µm on the connector side, below the 25 µm minimum for Type UR coating.',
    status: 'Closed', severity: 'Minor', defectCode: 'FIN-02', parts: ['io-cca'], disposition: 'Rework', quantity: [2, 6],
  },
  {
    title: 'Chassis housing flatness out of tolerance',
    description: 'Mounting face flatness measured 0.15 mm against a drawing tolerance of 0.10 mm. Engineering analysis shows no effect on bonding or EMI sealing.',
    status: 'Closed', severity: 'Minor', defectCode: 'DIM-02', parts: ['chassis-machining'], disposition: 'UseAsIs', quantity: [1, 2],
  },
  {
    title: 'Suspect counterfeit FPGA devices in incoming lot',
    description: 'Incoming inspection found top-side marking inconsistent with the manufacturer datasheet and signs of blacktopping on 4 devices. Lot quarantined pending authentication.',
    status: 'Under Review', severity: 'Critical', defectCode: 'MAT-05', parts: ['fpga-device'], quantity: [4, 12],
  },
  {
    title: 'Lane watchdog reset during cold soak at -40 °C',
    description: 'During acceptance thermal cycling the lane monitor reset the lane processor twice at -40 °C. Watchdog service timing measured 26.3 ms against the 25 ms window.',
    status: 'Open', severity: 'Critical', defectCode: 'TST-03', parts: ['lane-module', 'monitor-fpga'], requirements: ['watchdog', 'watchdog-window'], quantity: [1, 2],
  },
  {
    title: 'Power supply hold-up time below 50 ms',
    description: 'Power interruption test per DO-160G Section 16 measured 38 ms hold-up with the 1500 µF capacitors. Outputs dropped out of regulation before the end of the interruption.',
    status: 'Open', severity: 'Critical', defectCode: 'TST-01', parts: ['psu-module', 'holdup-capacitor-early'], requirements: ['hold-up', 'power-input'], quantity: [3, 6],
  },
  {
    title: 'Bent pins on backplane receptacle',
    description: 'Three pins in row C of slot 4 bent during module insertion on the integration rig.',
    status: 'Closed', severity: 'Major', defectCode: 'DMG-01', parts: ['backplane-cca'], disposition: 'Repair', quantity: [1, 1],
  },
  {
    title: 'Wire insulation nicked in front harness',
    description: 'Insulation of two 22 AWG wires nicked to the conductor near the J1 backshell, found at harness continuity test.',
    status: 'Dispositioned', severity: 'Minor', defectCode: 'WIR-02', parts: ['front-harness'], disposition: 'Repair', quantity: [1, 2],
  },
  {
    title: 'Material certificate missing for aluminium plate lot',
    description: 'Certificate of conformance for the 6061-T651 plate lot used for chassis housings was not in the receiving file.',
    status: 'Closed', severity: 'Minor', defectCode: 'DOC-03', parts: ['chassis-machining'], disposition: 'UseAsIs', quantity: [4, 10],
  },
  {
    title: 'Card guide anodize colour does not match drawing',
    description: 'Card guides anodized clear instead of black. The colour is cosmetic; thickness and corrosion protection meet the drawing.',
    status: 'Closed', severity: 'Minor', defectCode: 'FIN-01', parts: ['card-guide'], disposition: 'UseAsIs', quantity: [20, 60],
  },
  {
    title: 'Thermal pad thickness above tolerance',
    description: 'Die-cut pads measured 1.22 mm against 1.00 ± 0.10 mm, which prevents full module seating.',
    status: 'Dispositioned', severity: 'Major', defectCode: 'DIM-04', parts: ['thermal-pad'], disposition: 'ReturnToSupplier', quantity: [50, 200],
  },
  {
    title: 'SDRAM damaged by electrostatic discharge',
    description: 'Two SDRAM devices failed memory test after rework performed at a bench without a grounded wrist strap.',
    status: 'Closed', severity: 'Major', defectCode: 'ESD-01', parts: ['sdram'], disposition: 'Scrap', quantity: [2, 2],
  },
  {
    title: 'Low insulation resistance between transformer windings',
    description: 'Insulation resistance between primary and secondary measured 40 MΩ at 500 V DC against a minimum of 100 MΩ.',
    status: 'Under Review', severity: 'Major', defectCode: 'ELEC-02', parts: ['transformer'], quantity: [3, 8],
  },
  {
    title: 'Foreign object found inside chassis',
    description: 'A loose 4-40 washer was found between the backplane and the chassis floor at final inspection.',
    status: 'Closed', severity: 'Major', defectCode: 'FOD-01', parts: ['chassis-assembly'], disposition: 'Rework', quantity: [1, 1],
  },
  {
    title: 'Delamination of lane printed wiring boards after reflow',
    description: 'Measling and delamination near the processor footprint on boards from one supplier lot after the second reflow cycle.',
    status: 'Dispositioned', severity: 'Major', defectCode: 'PCB-03', parts: ['lane-pcb'], disposition: 'ReturnToSupplier', quantity: [5, 15],
  },
  {
    title: 'Helical insert tangs not removed',
    description: 'Driving tangs left in 6 of 24 inserts in the chassis housing.',
    status: 'Closed', severity: 'Minor', defectCode: 'MECH-02', parts: ['chassis-housing'], disposition: 'Rework', quantity: [1, 2],
  },
  {
    title: 'ARINC 429 output rise time out of tolerance',
    description: 'Transmitter rise time on the maintenance bus measured 2.1 µs against 1.5 ± 0.5 µs for low-speed operation.',
    status: 'Under Review', severity: 'Major', defectCode: 'TST-02', parts: ['io-module'], requirements: ['maintenance-reporting'], quantity: [1, 3],
  },
  {
    title: 'Torque stripe missing on module retaining screws',
    description: 'Torque seal not applied to the retaining screws of two modules at final assembly.',
    status: 'Open', severity: 'Minor', defectCode: 'TORQ-01', parts: ['lane-module'], quantity: [1, 2],
  },
  {
    title: 'Operational software load fails CRC check on two units',
    description: 'After field loading over ARINC 615A, two units reported a CRC mismatch at start-up and stayed in the boot loader.',
    status: 'Open', severity: 'Major', defectCode: 'CFG-02', parts: ['ofp'], requirements: ['load-integrity'], quantity: [2, 2],
  },
  {
    title: 'Compression set of EMI gasket above limit',
    description: 'Cover gaskets showed 35 % compression set after the humidity test against a 25 % maximum.',
    status: 'Under Review', severity: 'Minor', defectCode: 'MAT-03', parts: ['emi-gasket'], quantity: [4, 12],
  },
  {
    title: 'Oscillator frequency outside ±25 ppm',
    description: 'Oscillators from one date code measured +41 ppm at 25 °C at incoming inspection.',
    status: 'Dispositioned', severity: 'Major', defectCode: 'ELEC-04', parts: ['oscillator'], disposition: 'ReturnToSupplier', quantity: [10, 40],
  },
  {
    title: 'Nameplate shows superseded revision',
    description: 'Nameplates engraved with the previous top-level revision letter.',
    status: 'Open', severity: 'Minor', defectCode: 'DOC-01', parts: ['nameplate'], quantity: [2, 5],
  },
];

export const FCC_TELEMETRY: TelemetryPlan = {
  assets: [{ part: 'fcc', units: 4 }],
  parameters: [
    { name: 'Lane A CPU load', unit: 'PERCENT', mean: [38, 52], standardDeviation: [3, 6], bounds: [0, 100], sampleRateHz: 10, fractionDigits: 2 },
    { name: 'Lane processor board temperature', unit: 'DEG_C', mean: [41, 58], standardDeviation: [2, 5], bounds: [-55, 125], sampleRateHz: 1, fractionDigits: 1 },
    { name: '28 V DC input voltage', unit: 'V', mean: [27.6, 28.4], standardDeviation: [0.1, 0.35], bounds: [0, 50], sampleRateHz: 10, fractionDigits: 3 },
  ],
  anomalies: 2,
};
