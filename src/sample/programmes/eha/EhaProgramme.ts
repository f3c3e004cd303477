import { ear } from '../../ExportControl.js';
import { completeHardwareData, completeSoftwareData } from '../LifeCycleData.js';
import type { ProgrammeDefinition } from '../ProgrammeDefinition.js';
import { EHA_DESIGNS, EHA_MANUFACTURING_BOM } from './EhaParts.js';
import { EHA_NON_CONFORMANCES, EHA_TELEMETRY } from './EhaQuality.js';
import { EHA_REQUIREMENTS } from './EhaRequirements.js';

const MILITARY_AIRCRAFT_SOFTWARE = ear('9D610.a', '9E610.a');

export const EHA_PROGRAMME: ProgrammeDefinition = {
  key: 'eha',
  title: 'EHA-90 Electro-Hydrostatic Actuation System',
  description:
    'Development and production of the EHA-90, self-contained electro-hydrostatic actuators (motor, pump, ' +
    'manifold and cylinder in one unit) for the aileron and elevator surfaces of a light military jet trainer.',
  partNumberCode: '9',
  start: '2023-03-06',
  topAssembly: 'eha-shipset',
  designs: EHA_DESIGNS,
  manufacturingBom: EHA_MANUFACTURING_BOM,
  requirements: EHA_REQUIREMENTS,
  verification: {
    untestedRequirements: 4,
    testCasesWithoutResults: 3,
    failingTestCases: 3,
    integrationTests: [
      {
        title: 'Iron-bird surface actuation sweep',
        description: 'Frequency sweep from 0.1 Hz to 10 Hz on the iron-bird aileron station with aerodynamic load simulation.',
        requirements: ['surface-actuation', 'health-monitoring'],
        parts: ['actuator-aileron'],
      },
      {
        title: 'Power loss and bypass transition',
        description: 'Removes motor and control power during a sinusoidal command and records the surface response in bypass.',
        requirements: ['failure-mode'],
        parts: ['actuator-elevator'],
      },
    ],
  },
  nonConformances: EHA_NON_CONFORMANCES,
  telemetry: EHA_TELEMETRY,
  assuranceItems: [
    {
      key: 'motor-control',
      name: 'Motor control software',
      standard: 'DO178C',
      level: 'A',
      part: 'motor-control-software',
      marking: MILITARY_AIRCRAFT_SOFTWARE,
      artifacts: completeSoftwareData('A'),
    },
    { key: 'protection-cpld', name: 'Power stage protection CPLD', standard: 'DO254', level: 'A', part: 'protection-cpld', artifacts: completeHardwareData() },
  ],
};
