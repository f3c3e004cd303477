import { join } from 'node:path';

/** Path, relative to the repository root, of a ReqIF fixture copied from strictdoc-project/reqif. */
export function reqifFixture(...segments: string[]): string {
  return join('test', 'fixtures', 'import', 'reqif', ...segments);
}

export const OSLC_RM = 'http://open-services.net/ns/rm#';
export const DT = 'https://w3id.org/digital-thread/ns#';

/** A SPEC-OBJECT of headingDocument: its IDENTIFIER, SPEC-OBJECT-TYPE LONG-NAME, LONG-NAME and string values by attribute name. */
export interface TestSpecObject {
  identifier: string;
  type: string;
  longName?: string;
  values: Record<string, string>;
}

/**
 * Writes a ReqIF document whose header names `tool`, with the SPEC-OBJECTs placed in one SPECIFICATION
 * in the order given. Every attribute is a string, defined on each SPEC-OBJECT-TYPE.
 */
export function headingDocument(tool: string, objects: readonly TestSpecObject[]): string {
  const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const attributeId = (name: string): string => `a-${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const typeId = (name: string): string => `t-${name.replace(/[^A-Za-z0-9]/g, '_')}`;
  const names = [...new Set(objects.flatMap((object) => Object.keys(object.values)))];
  const definitions = names.map((name) => `<ATTRIBUTE-DEFINITION-STRING IDENTIFIER="${attributeId(name)}" LONG-NAME="${escape(name)}"><TYPE><DATATYPE-DEFINITION-STRING-REF>d-string</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>`).join('');
  const types = [...new Set(objects.map((object) => object.type))].map((type) => `<SPEC-OBJECT-TYPE IDENTIFIER="${typeId(type)}" LONG-NAME="${escape(type)}"><SPEC-ATTRIBUTES>${definitions}</SPEC-ATTRIBUTES></SPEC-OBJECT-TYPE>`);
  const specObjects = objects.map((object) => {
    const values = Object.entries(object.values)
      .map(([name, value]) => `<ATTRIBUTE-VALUE-STRING THE-VALUE="${escape(value)}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>${attributeId(name)}</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>`)
      .join('');
    const longName = object.longName === undefined ? '' : ` LONG-NAME="${escape(object.longName)}"`;
    return `<SPEC-OBJECT IDENTIFIER="${object.identifier}"${longName}><TYPE><SPEC-OBJECT-TYPE-REF>${typeId(object.type)}</SPEC-OBJECT-TYPE-REF></TYPE><VALUES>${values}</VALUES></SPEC-OBJECT>`;
  });
  const hierarchy = objects.map((object) => `<SPEC-HIERARCHY IDENTIFIER="h-${object.identifier}"><OBJECT><SPEC-OBJECT-REF>${object.identifier}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd">
  <THE-HEADER><REQ-IF-HEADER IDENTIFIER="h"><REQ-IF-TOOL-ID>${escape(tool)}</REQ-IF-TOOL-ID></REQ-IF-HEADER></THE-HEADER>
  <CORE-CONTENT><REQ-IF-CONTENT>
    <DATATYPES><DATATYPE-DEFINITION-STRING IDENTIFIER="d-string" MAX-LENGTH="32000"/></DATATYPES>
    <SPEC-TYPES>${types.join('')}</SPEC-TYPES>
    <SPEC-OBJECTS>${specObjects.join('\n')}</SPEC-OBJECTS>
    <SPECIFICATIONS><SPECIFICATION IDENTIFIER="spec"><CHILDREN>${hierarchy}</CHILDREN></SPECIFICATION></SPECIFICATIONS>
  </REQ-IF-CONTENT></CORE-CONTENT>
</REQ-IF>
`;
}
