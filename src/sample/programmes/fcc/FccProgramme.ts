import { ear } from '../../ExportControl.js';
import { completeHardwareData, completeSoftwareData } from '../LifeCycleData.js';
import type { ProgrammeDefinition } from '../ProgrammeDefinition.js';
import { FCC_DESIGNS, FCC_MANUFACTURING_BOM } from './FccParts.js';
import { FCC_NON_CONFORMANCES, FCC_TELEMETRY } from './FccQuality.js';
import { FCC_REQUIREMENTS } from './FccRequirements.js';

const FCC_SOFTWARE = ear('7D994', '7E994');

export const FCC_PROGRAMME: ProgrammeDefinition = {
  key: 'fcc',
  title: 'FCC-300 Flight Control Computer',
  description:
    'Development and production of the FCC-300, a triplex fly-by-wire flight control computer with three ' +
    'processing lanes, FPGA lane monitors and DO-178C level A operational software.',
  partNumberCode: '3',
  start: '2023-01-16',
  topAssembly: 'fcc',
  designs: FCC_DESIGNS,
  manufacturingBom: FCC_MANUFACTURING_BOM,
  requirements: FCC_REQUIREMENTS,
  verification: {
    untestedRequirements: 5,
    testCasesWithoutResults: 4,
    failingTestCases: 5,
    integrationTests: [
      {
        title: 'Iron-bird flight scenario in normal law',
        description: 'Closed-loop flight scenario on the iron-bird rig with three lanes, ten actuators and the flight simulator.',
        requirements: ['fbw', 'actuator-interface'],
        parts: ['fcc'],
      },
      {
        title: 'Lane failure injection on the integration rig',
        description: 'Injects processor, power and cross-channel data link failures into each lane in turn and checks the reconfiguration.',
        requirements: ['fault-tolerance', 'built-in-test'],
        parts: ['fcc', 'lane-module'],
      },
    ],
  },
  nonConformances: FCC_NON_CONFORMANCES,
  telemetry: FCC_TELEMETRY,
  assuranceItems: [
    { key: 'ofp', name: 'OFP', standard: 'DO178C', level: 'A', part: 'ofp', marking: FCC_SOFTWARE, artifacts: completeSoftwareData('A') },
    { key: 'boot', name: 'Boot loader', standard: 'DO178C', level: 'A', part: 'boot-loader', marking: FCC_SOFTWARE, artifacts: completeSoftwareData('A') },
    { key: 'maintenance', name: 'Maintenance software', standard: 'DO178C', level: 'C', part: 'maintenance-software', artifacts: completeSoftwareData('C') },
    { key: 'monitor-fpga', name: 'Lane monitor FPGA', standard: 'DO254', level: 'A', part: 'monitor-fpga-configuration', artifacts: completeHardwareData() },
    { key: 'io-cpld', name: 'I/O sequencer CPLD', standard: 'DO254', level: 'B', part: 'io-cpld-configuration', artifacts: completeHardwareData() },
  ],
  evidenceGaps: {
    reviewWithoutIndependence: { item: 'boot', artifact: 'Partitioning integrity analysis' },
    changedAfterReview: { item: 'ofp', artifact: 'Software Design Description (architecture and low-level requirements)' },
  },
};
