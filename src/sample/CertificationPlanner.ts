import { createHash } from 'node:crypto';
import type { BlockContext } from './BlockContext.js';
import { DATA_END, DAY_MS, workingInstant, workingInstantAfter } from './Calendar.js';
import type { ExportMarking } from './ExportControl.js';
import { pickPerson } from './People.js';
import type { PlannedParts } from './PartPlanner.js';
import type { ArtifactTemplate, AssuranceItem, CertificationStandard } from './programmes/ProgrammeDefinition.js';
import type { RequirementRecord } from './RequirementPlanner.js';

export interface CertificationRecord {
  iri: string;
  identifier: string;
  title: string;
  item: AssuranceItem;
  template: ArtifactTemplate;
  /** IRI of the part that is the software or hardware item. */
  itemPart: string;
  /** IRIs of objectives of the item's standard. */
  objectives: string[];
  /** IRIs of the requirements and parts the artifact documents or verifies. */
  covers: string[];
  version: string;
  sha256: string;
  marking?: ExportMarking;
  created: number;
  modified: number;
  creator: string;
  /** IRIs of the reviews of the artifact, filled in by the review planner. */
  reviewedBy: string[];
}

/** Namespaces of the objective catalogues in vocab/, by standard. */
const OBJECTIVE_NAMESPACES: Record<CertificationStandard, string> = {
  DO178C: 'https://w3id.org/digital-thread/objectives/do-178c#',
  DO254: 'https://w3id.org/digital-thread/objectives/do-254#',
};

/**
 * Plans the life cycle data of each assurance item. Artifacts are placed on the timeline by their
 * phase, from planning at programme start to the accomplishment summary near the end of the data set.
 * Design data and source code carry the item's technical-data export marking. The SHA-256 digest is
 * computed from the seed and the artifact's identity, standing in for the content that does not exist.
 */
export function planCertification(
  context: BlockContext,
  parts: PlannedParts,
  requirements: Map<string, RequirementRecord>,
): CertificationRecord[] {
  const random = context.random('certification');
  const records: CertificationRecord[] = [];
  const span = DATA_END - 60 * DAY_MS - context.start;
  for (const item of context.programme.assuranceItems) {
    const itemRequirements = [...requirements.values()].filter((requirement) => requirement.spec.item === item.key);
    const part = parts.effective.get(item.part);
    if (part === undefined) {
      throw new Error(`Assurance item "${item.key}" is built into unknown part design "${item.part}".`);
    }
    for (const template of item.artifacts) {
      const { identifier, iri } = context.identifiers.allocate('CertificationArtifact');
      const planned = context.start + template.phase * span;
      const created = workingInstant(random, planned - 20 * DAY_MS, planned + 20 * DAY_MS);
      const version = `${random.integer(1, 4)}.${random.integer(0, 9)}`;
      const record: CertificationRecord = {
        iri,
        identifier,
        title: `${item.name} ${template.title}`,
        item,
        template,
        itemPart: part.iri,
        objectives: template.objectives.map((objective) => OBJECTIVE_NAMESPACES[item.standard] + objective),
        covers: coveredItems(template, itemRequirements, part.iri),
        version,
        sha256: contentDigest(context, identifier, version),
        created,
        modified: workingInstantAfter(random, created, 0, 200),
        creator: pickPerson(random, 'certification'),
        reviewedBy: [],
      };
      const marking = item.marking?.technicalData;
      if (marking !== undefined && (template.kind === 'SourceCode' || template.kind === 'DesignDescription')) {
        record.marking = marking;
      }
      records.push(record);
    }
  }
  return records;
}

/** Stands in for the SHA-256 of content that does not exist: a digest of the seed and the artifact's identity and version. */
export function contentDigest(context: BlockContext, identifier: string, version: string): string {
  return createHash('sha256').update(`${context.seed}/${context.provider}/${context.variant}/${identifier}/${version}`).digest('hex');
}

function coveredItems(template: ArtifactTemplate, requirements: RequirementRecord[], partIri: string): string[] {
  switch (template.covers) {
    case 'none':
      return [];
    case 'item-part':
      return [partIri];
    case 'high-level':
      return requirements.filter((requirement) => requirement.spec.level === 'high').map((requirement) => requirement.iri);
    case 'low-level':
      return requirements.filter((requirement) => requirement.spec.level === 'low').map((requirement) => requirement.iri);
    case 'all-requirements':
      return requirements.map((requirement) => requirement.iri);
  }
}
