import { firstNamed } from '../FirstNamed.js';
import type { ImportIssue, SourceRequirement } from '../ImportModel.js';

/** Requirements that the warning names; it counts the rest. */
const REQUIREMENTS_NAMED = 3;

/** The `data` attribute of an XHTML object element, as XhtmlValueWriter serializes it. */
const OBJECT_DATA = /<object\b[^>]*?\sdata="([^"]*)"/g;

/**
 * Returns a warning when rich text embeds files, such as the pictures and OLE objects that DOORS exports as
 * XHTML `object` elements with the files beside the .reqif in a .reqifz. The text keeps the elements, but
 * the import stores no files, so their references lead nowhere on this server.
 */
export function embeddedObjectWarning(requirements: readonly SourceRequirement[]): ImportIssue | undefined {
  const embedding: SourceRequirement[] = [];
  let example: string | undefined;
  for (const requirement of requirements) {
    const texts = [requirement.descriptionXhtml ?? '', ...(requirement.typedAttributes ?? []).filter((attribute) => attribute.datatype === 'xhtml').flatMap((attribute) => attribute.values)];
    const data = texts.flatMap((text) => [...text.matchAll(OBJECT_DATA)].map((match) => match[1]!));
    if (data.length > 0) {
      embedding.push(requirement);
      example ??= data[0];
    }
  }
  if (embedding.length === 0) {
    return undefined;
  }

  const named = firstNamed(embedding.map((requirement) => requirement.identifier), REQUIREMENTS_NAMED);
  const subject = embedding.length === 1 ? `requirement ${named}` : `${embedding.length} requirements (${named})`;
  return {
    severity: 'warning',
    message:
      `The rich text of ${subject} embeds files in XHTML object elements, such as ${example}. ` +
      'The import keeps the text and the elements but stores no files, so this server cannot show them; open them in the requirements tool.',
    location: embedding[0]!.location,
  };
}
