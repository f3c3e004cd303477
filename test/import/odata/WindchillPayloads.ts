/**
 * INVENTED test data: a nose landing gear structure written by this team, shaped like the JSON that
 * Windchill REST Services (ProdMgmt domain, OData v4) returns for Parts with `$expand=Uses($expand=Uses)`.
 * Part numbers, names, IDs and dates are made up; none come from a real Windchill system.
 */

export interface InventedPart {
  id: number;
  number: string;
  name: string;
  revision: string;
  iteration: number;
  /** Internal name of the life cycle state, the State's `Value`, or undefined for a part that Windchill returns without State. */
  state: string | undefined;
  /** Display name of a state that STATE_DISPLAY lacks, such as a site's own state. */
  stateDisplay?: string;
  lastModified: string;
  /** The version's view, such as "Manufacturing". Undefined gives "Design", and null models a site that does not use views. */
  view?: string | null;
  /** A soft attribute, as Windchill returns it: a top-level property. */
  material?: string;
  /** Further soft attributes, by internal name. */
  softAttributes?: Record<string, string | number>;
  /** Usage links. One without lineNumber and findNumber models a use that Windchill returns without LineNumber and FindNumber. */
  uses: Array<{ link: number; child: number; quantity: number; unit: string; unitDisplay?: string; lineNumber?: number; findNumber?: string }>;
}

/** Display names of the states of Windchill's default life cycles, in English. */
const STATE_DISPLAY: Readonly<Record<string, string>> = {
  INWORK: 'In Work',
  UNDERREVIEW: 'Under Review',
  RELEASED: 'Released',
  CANCELLED: 'Canceled',
  OBSOLESCENCE: 'Obsolete',
};

/** Display names of Windchill's default quantity units whose display differs from the internal name, in English. */
const UNIT_DISPLAY: Readonly<Record<string, string>> = {
  ea: 'each',
  as_needed: 'as needed',
};

export const PARTS: readonly InventedPart[] = [
  {
    id: 200311, number: 'NLG-1000', name: 'Nose Landing Gear Assembly', revision: 'C', iteration: 4, state: 'RELEASED', lastModified: '2025-11-03T14:22:05Z',
    uses: [
      { link: 300101, child: 200312, quantity: 1, unit: 'ea', lineNumber: 10, findNumber: '1' },
      { link: 300102, child: 200315, quantity: 1, unit: 'ea', lineNumber: 20, findNumber: '2' },
      { link: 300103, child: 200318, quantity: 4, unit: 'ea', lineNumber: 30, findNumber: '3' },
      { link: 300104, child: 200319, quantity: 4, unit: 'ea', lineNumber: 40, findNumber: '4' },
    ],
  },
  {
    id: 200312, number: 'NLG-1100', name: 'Shock Strut Assembly', revision: 'B', iteration: 2, state: 'UNDERREVIEW', lastModified: '2026-02-11T09:14:52Z',
    uses: [
      { link: 300111, child: 200313, quantity: 1, unit: 'ea', lineNumber: 10, findNumber: '1' },
      { link: 300112, child: 200314, quantity: 1, unit: 'ea', lineNumber: 20, findNumber: '2' },
      { link: 300113, child: 200319, quantity: 6, unit: 'ea', lineNumber: 30, findNumber: '3' },
      { link: 300114, child: 200320, quantity: 0.45, unit: 'l', lineNumber: 40, findNumber: '4' },
    ],
  },
  { id: 200313, number: 'NLG-1110', name: 'Outer Cylinder', revision: 'A', iteration: 3, state: 'RELEASED', lastModified: '2025-06-18T08:40:00Z', material: '300M steel', uses: [] },
  { id: 200314, number: 'NLG-1120', name: 'Piston', revision: 'B', iteration: 1, state: 'INWORK', lastModified: '2026-01-20T16:03:11Z', material: '300M steel', uses: [] },
  {
    id: 200315, number: 'NLG-1200', name: 'Drag Brace Assembly', revision: 'A', iteration: 5, state: 'RELEASED', lastModified: '2025-09-30T11:05:47Z',
    uses: [
      { link: 300121, child: 200316, quantity: 1, unit: 'ea', lineNumber: 10, findNumber: '1' },
      { link: 300122, child: 200318, quantity: 2, unit: 'ea', lineNumber: 20, findNumber: '2' },
    ],
  },
  { id: 200316, number: 'NLG-1210', name: 'Upper Drag Link', revision: 'A', iteration: 2, state: 'RELEASED', lastModified: '2025-09-30T10:58:02Z', material: 'Ti-6Al-4V', uses: [] },
  { id: 200318, number: 'AN6-12A', name: 'Bolt, Hex Head, 3/8-24', revision: '-', iteration: 1, state: 'RELEASED', lastModified: '2024-03-12T07:30:00Z', uses: [] },
  { id: 200319, number: 'MS21042-6', name: 'Nut, Self-Locking, 3/8-24', revision: '-', iteration: 1, state: 'RELEASED', lastModified: '2024-03-12T07:31:00Z', uses: [] },
  { id: 200320, number: 'M5606-HF', name: 'Hydraulic Fluid, MIL-PRF-5606', revision: 'A', iteration: 1, state: 'RELEASED', lastModified: '2024-05-02T12:00:00Z', uses: [] },
];

export function partId(id: number): string {
  return `OR:wt.part.WTPart:${id}`;
}

export function linkId(id: number): string {
  return `OR:wt.part.WTPartUsageLink:${id}`;
}

/** Returns the Part entity without navigation properties. */
export function partEntity(part: InventedPart): Record<string, unknown> {
  const entity: Record<string, unknown> = {
    '@odata.type': '#PTC.ProdMgmt.Part',
    '@odata.id': `Parts('${partId(part.id)}')`,
    ID: partId(part.id),
    Number: part.number,
    Name: part.name,
    Revision: part.revision,
    Version: `${part.revision}.${part.iteration}`,
    ...(part.state === undefined ? {} : { State: { Value: part.state, Display: part.stateDisplay ?? STATE_DISPLAY[part.state] ?? part.state } }),
    View: part.view === undefined ? 'Design' : part.view,
    DefaultUnit: { Value: 'ea', Display: 'each' },
    LastModified: part.lastModified,
  };
  if (part.material !== undefined) {
    entity.Material = part.material;
  }
  Object.assign(entity, part.softAttributes);
  return entity;
}

function partById(id: number, parts: readonly InventedPart[]): InventedPart {
  const part = parts.find((candidate) => candidate.id === id);
  if (part === undefined) {
    throw new Error(`no invented part ${id}`);
  }
  return part;
}

/** Returns the PartUse entities of a part, each with its child part (from `parts`) expanded as `Uses`. */
export function usesEntities(part: InventedPart, parts: readonly InventedPart[] = PARTS): Array<Record<string, unknown>> {
  return part.uses.map((use) => ({
    '@odata.type': '#PTC.ProdMgmt.PartUse',
    ID: linkId(use.link),
    Quantity: use.quantity,
    Unit: { Value: use.unit, Display: use.unitDisplay ?? UNIT_DISPLAY[use.unit] ?? use.unit },
    ...(use.lineNumber === undefined ? {} : { LineNumber: use.lineNumber }),
    ...(use.findNumber === undefined ? {} : { FindNumber: use.findNumber }),
    TraceCode: { Value: '0', Display: 'Untraced' },
    Uses: partEntity(partById(use.child, parts)),
  }));
}

/**
 * The downstream Manufacturing version of NLG-1000 rev C, whose Design version is 200311. Like a version
 * that Windchill's BOM Transformer creates, it has the same number and revision under another ID. It is
 * still in work, and a fastener kit replaces the loose bolts and nuts of the EBOM.
 */
export const NLG_1000_MANUFACTURING: InventedPart = {
  id: 200601, number: 'NLG-1000', name: 'Nose Landing Gear Assembly', revision: 'C', iteration: 1, state: 'INWORK', lastModified: '2026-02-20T08:00:00Z', view: 'Manufacturing',
  uses: [
    { link: 300601, child: 200312, quantity: 1, unit: 'ea', lineNumber: 10, findNumber: '1' },
    { link: 300602, child: 200315, quantity: 1, unit: 'ea', lineNumber: 20, findNumber: '2' },
    { link: 300603, child: 200602, quantity: 1, unit: 'ea', lineNumber: 30, findNumber: '10' },
  ],
};

/** A kit that exists in the Manufacturing view only, as shop-floor kits do. */
export const NLG_FASTENER_KIT: InventedPart = {
  id: 200602, number: 'NLG-1000-FK', name: 'Fastener Kit, Nose Landing Gear', revision: 'A', iteration: 1, state: 'RELEASED', lastModified: '2026-02-20T07:45:00Z', view: 'Manufacturing',
  uses: [
    { link: 300611, child: 200318, quantity: 4, unit: 'ea', lineNumber: 10, findNumber: '1' },
    { link: 300612, child: 200319, quantity: 4, unit: 'ea', lineNumber: 20, findNumber: '2' },
  ],
};
