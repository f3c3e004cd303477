import type { ProductDefinition } from './ProductStructure.js';

/** A product definition and the name of the file that contains it. */
export interface DefinitionInFile {
  fileName: string;
  definition: ProductDefinition;
}

/** The part name and description that the import stores, and a warning when the two files disagree. */
export interface ReconciledProduct {
  name: string;
  description?: string;
  warning?: string;
}

/**
 * Compares the PRODUCT that a file refers to through an external document reference with the
 * PRODUCT that the referenced file defines, and chooses what the import stores.
 *
 * Another part number or revision keeps the referencing file's PRODUCT whole, with a warning. The
 * BOM lines of the referencing file use that number and revision, and the source id that identifies
 * the part across imports contains them. The two files are linked only by the file name, so they may
 * not describe the same part, and another part's name would mislabel this one.
 *
 * With the same part number and revision, the name and description come from the referenced file,
 * because it is the component's own document and the referencing file contains a copy that can be
 * out of date. A description that one file leaves empty is taken from the other. Two different
 * names, or two different descriptions, give a warning.
 */
export function reconcileExternalProduct(referencing: DefinitionInFile, defining: DefinitionInFile): ReconciledProduct {
  const referencingProduct = referencing.definition;
  const definingProduct = defining.definition;

  if (referencingProduct.partNumber !== definingProduct.partNumber || referencingProduct.revision !== definingProduct.revision) {
    return {
      name: referencingProduct.name,
      ...(referencingProduct.description === undefined ? {} : { description: referencingProduct.description }),
      warning: identityWarning(referencing, defining),
    };
  }

  const description = definingProduct.description ?? referencingProduct.description;
  const reconciled: ReconciledProduct = { name: definingProduct.name, ...(description === undefined ? {} : { description }) };

  const differences: string[] = [];
  if (referencingProduct.name !== definingProduct.name) {
    differences.push('names');
  }
  if (referencingProduct.description !== undefined && definingProduct.description !== undefined && referencingProduct.description !== definingProduct.description) {
    differences.push('descriptions');
  }
  if (differences.length > 0) {
    reconciled.warning =
      `${referencing.fileName} and ${defining.fileName} give ${formatPartRevision(referencingProduct)} different ${differences.join(' and ')}: ` +
      `${formatNameAndDescription(referencing)} in ${referencing.fileName}, ${formatNameAndDescription(defining)} in ${defining.fileName}. ` +
      `The import takes the name and description from ${defining.fileName}, because that file defines the part and ${referencing.fileName} contains a copy. ` +
      `Export ${referencing.fileName} again, or correct its PRODUCT, so that the copy agrees.`;
  }
  return reconciled;
}

function identityWarning(referencing: DefinitionInFile, defining: DefinitionInFile): string {
  const field = referencing.definition.partNumber === defining.definition.partNumber ? 'revisions' : 'part numbers';
  return (
    `The ${field} disagree: ${referencing.fileName} uses ${formatProduct(referencing)} and refers to ${defining.fileName} for its definition, ` +
    `but ${defining.fileName} defines ${formatProduct(defining)}. ` +
    `The import keeps ${formatPartRevision(referencing.definition)} with the name and description from ${referencing.fileName}, ` +
    `because the BOM lines of ${referencing.fileName} use it and it identifies the part across imports. ` +
    `Correct the PRODUCT id or the revision in the file that is wrong, so that both files agree.`
  );
}

function formatPartRevision(definition: ProductDefinition): string {
  return `${definition.partNumber} rev ${definition.revision === '' ? '-' : definition.revision}`;
}

/** Formats a product as `TT-9000 rev - "Tail turbine" (PRODUCT #5, line 12)`. */
function formatProduct(product: DefinitionInFile): string {
  return `${formatPartRevision(product.definition)} ${formatNameAndDescription(product)}`;
}

/** Formats the name and description of a product with its PRODUCT instance, as `"Tail turbine" (PRODUCT #5, line 12)`. */
function formatNameAndDescription({ definition }: DefinitionInFile): string {
  const description = definition.description === undefined ? '' : ` with description "${definition.description}"`;
  return `"${definition.name}"${description} (PRODUCT #${definition.product.id}, line ${definition.product.line})`;
}
