import { firstGiven, type ResolvedValue } from './AttributeValues.js';
import type { ReqifContent, SpecObject } from './ReqifContent.js';
import type { AttributeRoles } from './ToolProfiles.js';

/** SPEC-OBJECT-TYPE LONG-NAME of headings: Polarion writes its "Heading" work items with this type. */
const HEADING_TYPE = /^\s*heading\s*$/i;

/**
 * Returns whether a SPEC-OBJECT is a heading of the document, such as a chapter title. A heading has no
 * value in a text attribute, and has a value in a heading attribute (`ReqIF.ChapterName`, DOORS `Object
 * Heading`) or a SPEC-OBJECT-TYPE named Heading. An object with text stays a requirement, because its
 * text may state something to verify, so a heading that gains text in a later export loses the mark.
 */
export function isHeading(object: SpecObject, values: Map<string, ResolvedValue>, roles: AttributeRoles, content: ReqifContent): boolean {
  if (firstGiven(values, roles.text) !== undefined) {
    return false;
  }
  if (firstGiven(values, roles.heading) !== undefined) {
    return true;
  }
  const type = object.typeRef === undefined ? undefined : content.specObjectTypes.get(object.typeRef);
  return type?.longName !== undefined && HEADING_TYPE.test(type.longName);
}
