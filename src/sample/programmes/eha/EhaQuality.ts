import type { NonConformanceSpec, TelemetryPlan } from '../ProgrammeDefinition.js';

/** Non-conformance history and in-service telemetry of the EHA-90. */

export const EHA_NON_CONFORMANCES: NonConformanceSpec[] = [
  {
    title: 'Pitting in chrome plating of aileron piston rods',
    description: 'Visual inspection at 10x found pits up to 0.2 mm in the hard chrome within the seal contact zone.',
    status: 'Dispositioned', severity: 'Major', defectCode: 'FIN-03', parts: ['piston-rod-shaft-aileron'], disposition: 'Repair', quantity: [2, 5],
  },
  {
    title: 'Manifold spool bore oversize',
    description: 'Bore diameter measured 12.021 mm against 12.000 +0.012/-0 mm. Clearance to the mode valve spool is outside the leakage budget.',
    status: 'Under Review', severity: 'Major', defectCode: 'DIM-02', parts: ['manifold-body'], quantity: [1, 3],
  },
  {
    title: 'O-ring cut during installation',
    description: 'Dash 214 O-ring cut on the rod thread during piston assembly; found at pressure test.',
    status: 'Closed', severity: 'Minor', defectCode: 'SEAL-01', parts: ['ms28775-214'], disposition: 'Scrap', quantity: [1, 4],
  },
  {
    title: 'External leakage at rod seal during proof pressure test',
    description: 'Leakage of 3 drops in 25 cycles at the elevator rod seal at 315 bar proof pressure. The seal groove shows a machining burr.',
    status: 'Open', severity: 'Critical', defectCode: 'LEAK-01', parts: ['end-gland', 'cylinder-elevator'], requirements: ['rod-seal-leakage', 'proof-pressure'], quantity: [1, 2],
  },
  {
    title: 'Open circuit of motor winding temperature sensor',
    description: 'The embedded winding thermistor reads open circuit after varnish impregnation.',
    status: 'Under Review', severity: 'Major', defectCode: 'ELEC-01', parts: ['stator'], requirements: ['winding-temperature'], quantity: [1, 2],
  },
  {
    title: 'LVDT null voltage out of tolerance',
    description: 'Null voltage measured 18 mV RMS against a 10 mV RMS maximum at incoming inspection.',
    status: 'Dispositioned', severity: 'Major', defectCode: 'TST-04', parts: ['lvdt'], disposition: 'ReturnToSupplier', quantity: [3, 8],
  },
  {
    title: 'Rod end thread damaged',
    description: 'Damaged first threads on the rod end shank after a handling drop.',
    status: 'Closed', severity: 'Minor', defectCode: 'DMG-02', parts: ['rod-end'], disposition: 'Scrap', quantity: [1, 1],
  },
  {
    title: 'Hydraulic fluid contamination above class limit',
    description: 'Fluid sample after run-in measured NAS 1638 class 8 against the class 6 requirement.',
    status: 'Closed', severity: 'Major', defectCode: 'CON-02', parts: ['actuator-aileron'], disposition: 'Rework', quantity: [1, 2],
  },
  {
    title: 'Cylinder block surface finish out of specification',
    description: 'Piston bore finish Ra 0.45 µm against Ra 0.4 µm maximum. Run-in wear test showed no effect.',
    status: 'Dispositioned', severity: 'Minor', defectCode: 'FIN-02', parts: ['cylinder-block'], disposition: 'UseAsIs', quantity: [2, 6],
  },
  {
    title: 'Relief valve cracking pressure low',
    description: 'Relief valves of the early standard crack at 196 bar against 210 ± 5 bar, which reduces the stall force margin.',
    status: 'Under Review', severity: 'Critical', defectCode: 'TST-02', parts: ['relief-valve-early', 'manifold-assembly'], requirements: ['stall-force'], quantity: [4, 10],
  },
  {
    title: 'Bracket hole position out of tolerance',
    description: 'Attachment hole true position 0.18 mm against 0.10 mm.',
    status: 'Closed', severity: 'Minor', defectCode: 'DIM-05', parts: ['bracket-elevator'], disposition: 'Repair', quantity: [1, 2],
  },
  {
    title: 'Heat treatment certificate missing for piston rod lot',
    description: 'The H1025 heat treatment certificate for the elevator piston rod forging lot is missing from the supplier data package.',
    status: 'Open', severity: 'Major', defectCode: 'DOC-03', parts: ['piston-rod-shaft-elevator'], quantity: [6, 12],
  },
  {
    title: 'Accumulator spring free length short',
    description: 'Free length measured 85.9 mm against 88.0 ± 1.0 mm.',
    status: 'Closed', severity: 'Minor', defectCode: 'DIM-03', parts: ['accumulator-spring'], disposition: 'ReturnToSupplier', quantity: [10, 25],
  },
  {
    title: 'Gate driver failure during burn-in',
    description: 'Two gate drivers failed short during 168-hour burn-in at 85 °C, taking the associated SiC MOSFETs with them.',
    status: 'Under Review', severity: 'Major', defectCode: 'ELEC-03', parts: ['drive-cca'], quantity: [1, 2],
  },
  {
    title: 'Rod position error above 0.5 mm in frequency response test',
    description: 'Static position error of 0.62 mm at mid-stroke during acceptance testing; calibration constants in the identification EEPROM are suspect.',
    status: 'Open', severity: 'Critical', defectCode: 'TST-05', parts: ['actuator-aileron'], requirements: ['position-accuracy', 'position-calibration'], quantity: [1, 2],
  },
  {
    title: 'Motor bearing noise at run-in',
    description: 'Audible bearing noise above 4000 rpm; bearing preload found below the drawing value.',
    status: 'Dispositioned', severity: 'Minor', defectCode: 'MECH-04', parts: ['motor-assembly'], disposition: 'Rework', quantity: [1, 2],
  },
  {
    title: 'Harness backshell torque below specification',
    description: 'Backshell coupling nut torque measured 3.2 N·m against 4.5 N·m minimum.',
    status: 'Closed', severity: 'Minor', defectCode: 'TORQ-02', parts: ['actuator-harness'], disposition: 'Rework', quantity: [1, 3],
  },
  {
    title: 'Lockwire missing on manifold plug',
    description: 'Lockwire not installed on one manifold port plug at final inspection.',
    status: 'Open', severity: 'Minor', defectCode: 'ASSY-01', parts: ['manifold-assembly'], quantity: [1, 1],
  },
];

export const EHA_TELEMETRY: TelemetryPlan = {
  assets: [
    { part: 'actuator-aileron', units: 3 },
    { part: 'actuator-elevator', units: 3 },
  ],
  parameters: [
    { name: 'Rod position error', unit: 'MilliM', mean: [-0.02, 0.06], standardDeviation: [0.03, 0.08], bounds: [-76, 76], sampleRateHz: 100, fractionDigits: 3 },
    { name: 'Motor winding temperature', unit: 'DEG_C', mean: [62, 88], standardDeviation: [4, 9], bounds: [-55, 220], sampleRateHz: 1, fractionDigits: 1 },
    { name: 'RMS motor phase current', unit: 'A', mean: [6, 14], standardDeviation: [2, 5], bounds: [0, 60], sampleRateHz: 100, fractionDigits: 2 },
  ],
  anomalies: 3,
};
