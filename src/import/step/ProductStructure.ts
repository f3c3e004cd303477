import type { ImportIssue } from '../ImportModel.js';
import { leaveOutDefinitionsWithoutView } from './DefinitionsWithoutView.js';
import { associatedContexts, definitionStages, unknownStageWarnings, type DefinitionStages } from './LifeCycleStages.js';
import { recordOf, referenceParameter, stringParameter, type Part21File, type Part21Instance } from './Part21Reader.js';
import type { Part21Record, Part21Value } from './Part21Parameters.js';
import { isMeasureType, quantityUnit } from './StepUnits.js';

/**
 * Entity types of the product structure in AP203, AP214 and AP242 (the PDM schema that these
 * application protocols share), and of the external document references that split an assembly over
 * several files. Units and measures are read for quantified usages, and product definition contexts
 * for the life cycle stage that sets the BOM view.
 */
const STRUCTURE_TYPES = new Set([
  'PRODUCT',
  'PRODUCT_DEFINITION_FORMATION',
  'PRODUCT_DEFINITION_FORMATION_WITH_SPECIFIED_SOURCE',
  'PRODUCT_DEFINITION',
  'PRODUCT_DEFINITION_WITH_ASSOCIATED_DOCUMENTS',
  'PRODUCT_DEFINITION_CONTEXT',
  'DESIGN_CONTEXT',
  'PRODUCT_DEFINITION_CONTEXT_ASSOCIATION',
  'NEXT_ASSEMBLY_USAGE_OCCURRENCE',
  'QUANTIFIED_ASSEMBLY_COMPONENT_USAGE',
  'MAKE_FROM_USAGE_OPTION',
  'DOCUMENT_FILE',
  'APPLIED_DOCUMENT_REFERENCE',
  'APPLIED_EXTERNAL_IDENTIFICATION_ASSIGNMENT',
  'EXTERNAL_SOURCE',
]);

/** Returns whether the import needs an instance with these entity types. */
export function isStructureType(types: readonly string[]): boolean {
  return types.some((type) => STRUCTURE_TYPES.has(type) || type.endsWith('_UNIT') || isMeasureType(type));
}

/** Descriptions that CAD exporters write when the user gave none. */
const PLACEHOLDERS = new Set(['', 'none', 'not specified', 'n/a']);

/** A PRODUCT_DEFINITION with its PRODUCT and PRODUCT_DEFINITION_FORMATION: one part revision. */
export interface ProductDefinition {
  id: number;
  line: number;
  /** The PRODUCT instance, for messages. */
  product: { id: number; line: number };
  /** PRODUCT.id: the part number. */
  partNumber: string;
  /** PRODUCT.name. */
  name: string;
  /** PRODUCT.description, unless it is a placeholder. */
  description?: string;
  /** PRODUCT_DEFINITION_FORMATION.id: the revision. */
  revision: string;
  /** The PRODUCT_DEFINITION_FORMATION instance: definitions with the same one are views of one product version. */
  formation: number;
  /** The raw material from a MAKE_FROM_USAGE_OPTION, as "id name". */
  material?: string;
  /** The BOM views of its usages, from the life cycle stages of its contexts. */
  stages: DefinitionStages;
}

/** One NEXT_ASSEMBLY_USAGE_OCCURRENCE or QUANTIFIED_ASSEMBLY_COMPONENT_USAGE. */
export interface AssemblyUsage {
  id: number;
  line: number;
  /** Relating product definition: the assembly. */
  parent: number;
  /** Related product definition: the component. */
  child: number;
  quantity: number;
  /** QUDT unit IRI of the quantity. */
  unit: string;
  referenceDesignator?: string;
}

/** A product definition whose structure lives in another file (DOCUMENT_FILE with 'external definition'). */
export interface ExternalReference {
  definition: number;
  /** File name as written, relative to the referencing file. */
  fileName: string;
  line: number;
  entity: number;
}

export interface ProductStructure {
  definitions: Map<number, ProductDefinition>;
  usages: AssemblyUsage[];
  references: ExternalReference[];
  issues: ImportIssue[];
}

/**
 * Builds the product structure of one file: each PRODUCT_DEFINITION becomes a part revision (part
 * number from PRODUCT.id, revision from PRODUCT_DEFINITION_FORMATION.id) and each assembly usage a
 * parent-child occurrence. Problems that leave a reference unresolved become issues naming the
 * instance and its line.
 */
export function readProductStructure(file: Part21File): ProductStructure {
  const structure: ProductStructure = { definitions: new Map(), usages: [], references: [], issues: [] };
  const issue = (severity: ImportIssue['severity'], instance: Part21Instance, message: string): void => {
    structure.issues.push({ severity, message, location: { file: file.name, line: instance.line, entity: `#${instance.id}` } });
  };

  const associated = associatedContexts(file);
  for (const instance of file.instances.values()) {
    const definition = recordOf(instance, 'PRODUCT_DEFINITION') ?? recordOf(instance, 'PRODUCT_DEFINITION_WITH_ASSOCIATED_DOCUMENTS');
    if (definition !== undefined) {
      readDefinition(file, instance, definition, associated.get(instance.id) ?? [], structure, issue);
    }
  }
  for (const instance of file.instances.values()) {
    if (instance.records.some((record) => record.type === 'NEXT_ASSEMBLY_USAGE_OCCURRENCE' || record.type === 'QUANTIFIED_ASSEMBLY_COMPONENT_USAGE')) {
      readUsage(file, instance, structure, issue);
    } else if (recordOf(instance, 'MAKE_FROM_USAGE_OPTION') !== undefined) {
      readMaterial(instance, structure);
    } else if (recordOf(instance, 'APPLIED_DOCUMENT_REFERENCE') !== undefined) {
      readDocumentReference(file, instance, structure);
    }
  }
  structure.issues.push(...leaveOutDefinitionsWithoutView(file.name, structure));
  const assemblies = new Set(structure.usages.map((usage) => structure.definitions.get(usage.parent)!));
  structure.issues.push(...unknownStageWarnings(file.name, [...assemblies]));
  return structure;
}

type IssueSink = (severity: ImportIssue['severity'], instance: Part21Instance, message: string) => void;

/** PRODUCT_DEFINITION(id, description, formation, frame_of_reference), with the contexts that associations add. */
function readDefinition(file: Part21File, instance: Part21Instance, record: Part21Record, associated: readonly number[], structure: ProductStructure, issue: IssueSink): void {
  const formationId = referenceParameter(record.parameters[2]);
  const formationInstance = formationId === undefined ? undefined : file.instances.get(formationId);
  const formation = recordOf(formationInstance, 'PRODUCT_DEFINITION_FORMATION') ?? recordOf(formationInstance, 'PRODUCT_DEFINITION_FORMATION_WITH_SPECIFIED_SOURCE');
  if (formation === undefined) {
    issue('error', instance, `PRODUCT_DEFINITION #${instance.id} refers to #${formationId ?? '?'} as its formation, which is not a PRODUCT_DEFINITION_FORMATION; the file is incomplete.`);
    return;
  }
  // PRODUCT_DEFINITION_FORMATION(id, description, of_product), with make_or_buy after it in the subtype.
  const productId = referenceParameter(formation.parameters[2]);
  const product = recordOf(productId === undefined ? undefined : file.instances.get(productId), 'PRODUCT');
  if (product === undefined) {
    issue('error', instance, `The formation #${formationId} of PRODUCT_DEFINITION #${instance.id} refers to #${productId ?? '?'}, which is not a PRODUCT; the file is incomplete.`);
    return;
  }
  // PRODUCT(id, name, description, frame_of_reference).
  const partNumber = (stringParameter(product.parameters[0]) ?? '').trim();
  const name = (stringParameter(product.parameters[1]) ?? '').trim();
  const description = (stringParameter(product.parameters[2]) ?? '').trim();
  const definition: ProductDefinition = {
    id: instance.id,
    line: instance.line,
    product: { id: productId!, line: file.instances.get(productId!)!.line },
    partNumber: partNumber === '' ? name : partNumber,
    name: name === '' ? partNumber : name,
    revision: (stringParameter(formation.parameters[0]) ?? '').trim(),
    formation: formationId!,
    stages: definitionStages(file, [referenceParameter(record.parameters[3]), ...associated]),
  };
  if (!PLACEHOLDERS.has(description.toLowerCase())) {
    definition.description = description;
  }
  structure.definitions.set(instance.id, definition);
}

/**
 * Reads an assembly usage, simple or complex. Its PRODUCT_DEFINITION_RELATIONSHIP attributes are
 * (id, name, description, relating, related); ASSEMBLY_COMPONENT_USAGE adds reference_designator and
 * QUANTIFIED_ASSEMBLY_COMPONENT_USAGE adds quantity. A simple instance lists them all in that order; a
 * complex one spreads them over its partial entities.
 */
function readUsage(file: Part21File, instance: Part21Instance, structure: ProductStructure, issue: IssueSink): void {
  let relationship: Part21Value[];
  let referenceDesignator: Part21Value | undefined;
  let quantity: Part21Value | undefined;
  if (instance.records.length === 1) {
    const parameters = instance.records[0]!.parameters;
    relationship = parameters.slice(0, 5);
    referenceDesignator = parameters[5];
    quantity = instance.records[0]!.type === 'QUANTIFIED_ASSEMBLY_COMPONENT_USAGE' ? parameters[6] : undefined;
  } else {
    relationship = recordOf(instance, 'PRODUCT_DEFINITION_RELATIONSHIP')?.parameters ?? [];
    referenceDesignator = recordOf(instance, 'ASSEMBLY_COMPONENT_USAGE')?.parameters[0];
    quantity = recordOf(instance, 'QUANTIFIED_ASSEMBLY_COMPONENT_USAGE')?.parameters[0];
  }

  const parent = referenceParameter(relationship[3]);
  const child = referenceParameter(relationship[4]);
  for (const [role, id] of [['assembly (relating product definition)', parent], ['component (related product definition)', child]] as const) {
    if (id === undefined || !structure.definitions.has(id)) {
      issue('error', instance, `Assembly usage #${instance.id} names #${id ?? '?'} as its ${role}, which is not a PRODUCT_DEFINITION of this file; the file is incomplete or uses a construct this import does not read.`);
      return;
    }
  }

  const usage: AssemblyUsage = { id: instance.id, line: instance.line, parent: parent!, child: child!, quantity: 1, unit: 'http://qudt.org/vocab/unit/NUM' };
  const designator = stringParameter(referenceDesignator)?.trim();
  if (designator !== undefined && designator !== '') {
    usage.referenceDesignator = designator;
  }
  if (quantity !== undefined) {
    const measured = quantityUnit(file, referenceParameter(quantity));
    if (measured.problem !== undefined) {
      issue(measured.value === undefined ? 'error' : 'warning', instance, `Quantified usage #${instance.id}: ${measured.problem}`);
    }
    if (measured.value === undefined) {
      return;
    }
    usage.quantity = measured.value;
    usage.unit = measured.unit;
  }
  structure.usages.push(usage);
}

/** MAKE_FROM_USAGE_OPTION(id, name, description, relating, related, ...): the part is made from the related product. */
function readMaterial(instance: Part21Instance, structure: ProductStructure): void {
  const record = recordOf(instance, 'MAKE_FROM_USAGE_OPTION')!;
  const part = structure.definitions.get(referenceParameter(record.parameters[3]) ?? -1);
  const material = structure.definitions.get(referenceParameter(record.parameters[4]) ?? -1);
  if (part !== undefined && material !== undefined && part.material === undefined) {
    part.material = material.name === material.partNumber ? material.partNumber : `${material.partNumber} ${material.name}`;
  }
}

/**
 * APPLIED_DOCUMENT_REFERENCE(assigned_document, source, items) from a DOCUMENT_FILE to product
 * definitions: the product's structure or shape is in that file. The file name is the
 * APPLIED_EXTERNAL_IDENTIFICATION_ASSIGNMENT's id for the document file when there is one (its
 * EXTERNAL_SOURCE may name a folder), else the DOCUMENT_FILE id, as the CAx-IF recommended practices
 * for external references write them.
 */
function readDocumentReference(file: Part21File, instance: Part21Instance, structure: ProductStructure): void {
  const record = recordOf(instance, 'APPLIED_DOCUMENT_REFERENCE')!;
  const documentId = referenceParameter(record.parameters[0]);
  const document = recordOf(documentId === undefined ? undefined : file.instances.get(documentId), 'DOCUMENT_FILE');
  if (document === undefined) {
    return;
  }
  const fileName = externalFileName(file, documentId!) ?? stringParameter(document.parameters[0])?.trim();
  if (fileName === undefined || !/\.(stp|step|p21)$/i.test(fileName)) {
    return;
  }
  const items = record.parameters[2];
  for (const item of items?.kind === 'list' ? items.items : []) {
    const definition = referenceParameter(item);
    if (definition !== undefined && structure.definitions.has(definition)) {
      structure.references.push({ definition, fileName, line: instance.line, entity: instance.id });
    }
  }
}

function externalFileName(file: Part21File, documentId: number): string | undefined {
  for (const instance of file.instances.values()) {
    const assignment = recordOf(instance, 'APPLIED_EXTERNAL_IDENTIFICATION_ASSIGNMENT');
    const items = assignment?.parameters[3];
    if (assignment === undefined || items?.kind !== 'list' || !items.items.some((item) => referenceParameter(item) === documentId)) {
      continue;
    }
    // APPLIED_EXTERNAL_IDENTIFICATION_ASSIGNMENT(assigned_id, role, source, items); EXTERNAL_SOURCE(source_id).
    const name = stringParameter(assignment.parameters[0])?.trim();
    const sourceId = referenceParameter(assignment.parameters[2]);
    const source = recordOf(sourceId === undefined ? undefined : file.instances.get(sourceId), 'EXTERNAL_SOURCE')?.parameters[0];
    const folder = source?.kind === 'typed' ? stringParameter(source.value)?.trim() : stringParameter(source)?.trim();
    if (name !== undefined && name !== '') {
      return folder === undefined || folder === '' ? name : `${folder.replace(/[\\/]+$/, '')}/${name}`;
    }
  }
  return undefined;
}
