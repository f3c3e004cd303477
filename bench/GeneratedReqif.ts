/**
 * Generates a ReqIF 1.0 document with `objectCount` SPEC-OBJECTs for import benchmarks, shaped like a
 * software requirements specification exported from a requirements tool: each object has an identifier
 * (ReqIF.ForeignID), a name, XHTML text with markup and a priority enumeration. The SPECIFICATION contains
 * sections of 50 objects, each a heading object over 49 children, and every seventh object past the first
 * section traces to the object 50 places before it (a SPEC-RELATION). Deterministic, so runs compare.
 */
export function generateReqif(objectCount: number): string {
  const changed = '2026-01-15T09:30:00Z';
  const objectId = (index: number): string => `obj-${String(index).padStart(6, '0')}`;
  const priorities = ['ev-high', 'ev-medium', 'ev-low'];
  const parts: string[] = [];

  parts.push(`<?xml version="1.0" encoding="UTF-8"?>
<REQ-IF xmlns="http://www.omg.org/spec/ReqIF/20110401/reqif.xsd" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <THE-HEADER>
    <REQ-IF-HEADER IDENTIFIER="header">
      <CREATION-TIME>${changed}</CREATION-TIME>
      <REQ-IF-TOOL-ID>digital-thread bench</REQ-IF-TOOL-ID>
      <REQ-IF-VERSION>1.0</REQ-IF-VERSION>
      <SOURCE-TOOL-ID>digital-thread bench</SOURCE-TOOL-ID>
      <TITLE>Generated flight control software requirements</TITLE>
    </REQ-IF-HEADER>
  </THE-HEADER>
  <CORE-CONTENT>
    <REQ-IF-CONTENT>
      <DATATYPES>
        <DATATYPE-DEFINITION-STRING IDENTIFIER="dt-string" LAST-CHANGE="${changed}" LONG-NAME="String" MAX-LENGTH="1000"/>
        <DATATYPE-DEFINITION-XHTML IDENTIFIER="dt-xhtml" LAST-CHANGE="${changed}" LONG-NAME="Formatted text"/>
        <DATATYPE-DEFINITION-ENUMERATION IDENTIFIER="dt-priority" LAST-CHANGE="${changed}" LONG-NAME="Priority">
          <SPECIFIED-VALUES>
            <ENUM-VALUE IDENTIFIER="ev-high" LAST-CHANGE="${changed}" LONG-NAME="High"><PROPERTIES><EMBEDDED-VALUE KEY="1" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
            <ENUM-VALUE IDENTIFIER="ev-medium" LAST-CHANGE="${changed}" LONG-NAME="Medium"><PROPERTIES><EMBEDDED-VALUE KEY="2" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
            <ENUM-VALUE IDENTIFIER="ev-low" LAST-CHANGE="${changed}" LONG-NAME="Low"><PROPERTIES><EMBEDDED-VALUE KEY="3" OTHER-CONTENT=""/></PROPERTIES></ENUM-VALUE>
          </SPECIFIED-VALUES>
        </DATATYPE-DEFINITION-ENUMERATION>
      </DATATYPES>
      <SPEC-TYPES>
        <SPEC-OBJECT-TYPE IDENTIFIER="ot-requirement" LAST-CHANGE="${changed}" LONG-NAME="Requirement">
          <SPEC-ATTRIBUTES>
            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ad-id" LAST-CHANGE="${changed}" LONG-NAME="ReqIF.ForeignID"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
            <ATTRIBUTE-DEFINITION-STRING IDENTIFIER="ad-name" LAST-CHANGE="${changed}" LONG-NAME="ReqIF.Name"><TYPE><DATATYPE-DEFINITION-STRING-REF>dt-string</DATATYPE-DEFINITION-STRING-REF></TYPE></ATTRIBUTE-DEFINITION-STRING>
            <ATTRIBUTE-DEFINITION-XHTML IDENTIFIER="ad-text" LAST-CHANGE="${changed}" LONG-NAME="ReqIF.Text"><TYPE><DATATYPE-DEFINITION-XHTML-REF>dt-xhtml</DATATYPE-DEFINITION-XHTML-REF></TYPE></ATTRIBUTE-DEFINITION-XHTML>
            <ATTRIBUTE-DEFINITION-ENUMERATION IDENTIFIER="ad-priority" LAST-CHANGE="${changed}" LONG-NAME="Priority" MULTI-VALUED="false"><TYPE><DATATYPE-DEFINITION-ENUMERATION-REF>dt-priority</DATATYPE-DEFINITION-ENUMERATION-REF></TYPE></ATTRIBUTE-DEFINITION-ENUMERATION>
          </SPEC-ATTRIBUTES>
        </SPEC-OBJECT-TYPE>
        <SPEC-RELATION-TYPE IDENTIFIER="rt-traces" LAST-CHANGE="${changed}" LONG-NAME="Traces to"/>
        <SPECIFICATION-TYPE IDENTIFIER="st-srs" LAST-CHANGE="${changed}" LONG-NAME="Software Requirements Specification"/>
      </SPEC-TYPES>
      <SPEC-OBJECTS>`);

  for (let index = 1; index <= objectCount; index++) {
    const heading = (index - 1) % 50 === 0;
    const name = heading ? `Section ${Math.ceil(index / 50)}: control law mode ${index % 13}` : `Actuator command limit ${index}`;
    const text = heading
      ? `<xhtml:div><xhtml:p>This section covers control law mode ${index % 13}.</xhtml:p></xhtml:div>`
      : `<xhtml:div><xhtml:p>The flight control computer <xhtml:b>shall</xhtml:b> limit the command of actuator ${index % 8} to ${10 + (index % 20)} degrees within ${(index % 5) + 1} ms.</xhtml:p><xhtml:ul><xhtml:li>Rationale: structural load margin.</xhtml:li></xhtml:ul></xhtml:div>`;
    parts.push(`
        <SPEC-OBJECT IDENTIFIER="${objectId(index)}" LAST-CHANGE="${changed}">
          <TYPE><SPEC-OBJECT-TYPE-REF>ot-requirement</SPEC-OBJECT-TYPE-REF></TYPE>
          <VALUES>
            <ATTRIBUTE-VALUE-STRING THE-VALUE="SRS-${String(index).padStart(6, '0')}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-id</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
            <ATTRIBUTE-VALUE-STRING THE-VALUE="${name}"><DEFINITION><ATTRIBUTE-DEFINITION-STRING-REF>ad-name</ATTRIBUTE-DEFINITION-STRING-REF></DEFINITION></ATTRIBUTE-VALUE-STRING>
            <ATTRIBUTE-VALUE-XHTML><DEFINITION><ATTRIBUTE-DEFINITION-XHTML-REF>ad-text</ATTRIBUTE-DEFINITION-XHTML-REF></DEFINITION><THE-VALUE>${text}</THE-VALUE></ATTRIBUTE-VALUE-XHTML>
            <ATTRIBUTE-VALUE-ENUMERATION><DEFINITION><ATTRIBUTE-DEFINITION-ENUMERATION-REF>ad-priority</ATTRIBUTE-DEFINITION-ENUMERATION-REF></DEFINITION><VALUES><ENUM-VALUE-REF>${priorities[index % 3]!}</ENUM-VALUE-REF></VALUES></ATTRIBUTE-VALUE-ENUMERATION>
          </VALUES>
        </SPEC-OBJECT>`);
  }
  parts.push(`
      </SPEC-OBJECTS>
      <SPEC-RELATIONS>`);

  for (let index = 57; index <= objectCount; index += 7) {
    parts.push(`
        <SPEC-RELATION IDENTIFIER="rel-${String(index).padStart(6, '0')}" LAST-CHANGE="${changed}">
          <TYPE><SPEC-RELATION-TYPE-REF>rt-traces</SPEC-RELATION-TYPE-REF></TYPE>
          <SOURCE><SPEC-OBJECT-REF>${objectId(index)}</SPEC-OBJECT-REF></SOURCE>
          <TARGET><SPEC-OBJECT-REF>${objectId(index - 50)}</SPEC-OBJECT-REF></TARGET>
        </SPEC-RELATION>`);
  }
  parts.push(`
      </SPEC-RELATIONS>
      <SPECIFICATIONS>
        <SPECIFICATION IDENTIFIER="spec-srs" LAST-CHANGE="${changed}" LONG-NAME="Flight control SRS">
          <TYPE><SPECIFICATION-TYPE-REF>st-srs</SPECIFICATION-TYPE-REF></TYPE>
          <CHILDREN>`);

  // Each section: a SPEC-HIERARCHY for the heading object, with the section's other objects under it.
  for (let section = 1; section <= objectCount; section += 50) {
    const children: string[] = [];
    for (let index = section + 1; index < Math.min(section + 50, objectCount + 1); index++) {
      children.push(`<SPEC-HIERARCHY IDENTIFIER="h-${index}" LAST-CHANGE="${changed}"><OBJECT><SPEC-OBJECT-REF>${objectId(index)}</SPEC-OBJECT-REF></OBJECT></SPEC-HIERARCHY>`);
    }
    parts.push(`
            <SPEC-HIERARCHY IDENTIFIER="h-${section}" LAST-CHANGE="${changed}">
              <OBJECT><SPEC-OBJECT-REF>${objectId(section)}</SPEC-OBJECT-REF></OBJECT>
              <CHILDREN>${children.join('\n                ')}</CHILDREN>
            </SPEC-HIERARCHY>`);
  }
  parts.push(`
          </CHILDREN>
        </SPECIFICATION>
      </SPECIFICATIONS>
    </REQ-IF-CONTENT>
  </CORE-CONTENT>
</REQ-IF>
`);
  return parts.join('');
}
