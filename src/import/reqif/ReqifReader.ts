import type { Readable } from 'node:stream';
import { streamXml, XmlSyntaxError, type XmlElement, type XmlHandler } from '../xml/XmlStream.js';
import {
  DATATYPE_KINDS,
  type AttributeDefinition,
  type AttributeValue,
  type ReqifContent,
  type ReqifDatatypeKind,
  type ReqifHeader,
  type SpecObject,
  type SpecObjectType,
  type SpecRelation,
} from './ReqifContent.js';
import { XhtmlValueWriter } from './XhtmlValue.js';

const REQIF_NS = 'http://www.omg.org/spec/ReqIF/20110401/reqif.xsd';

/** Header fields kept, by element name. */
const HEADER_FIELDS = new Map<string, keyof ReqifHeader>([
  ['REQ-IF-TOOL-ID', 'reqifToolId'],
  ['SOURCE-TOOL-ID', 'sourceToolId'],
  ['TITLE', 'title'],
]);

/** Returns the datatype of an element named PREFIX-<KIND>, such as ATTRIBUTE-VALUE-XHTML. */
function kindAfter(prefix: string, local: string): ReqifDatatypeKind | undefined {
  if (!local.startsWith(prefix)) {
    return undefined;
  }
  const kind = local.slice(prefix.length);
  return (DATATYPE_KINDS as readonly string[]).includes(kind) ? (kind as ReqifDatatypeKind) : undefined;
}

/**
 * Reads one ReqIF XML document into `content` as saxes reports it. Elements are recognised by the ReqIF
 * schema's names and nesting; TOOL-EXTENSIONS and THE-ORIGINAL-VALUE subtrees are skipped whole, because
 * tools put arbitrary XML there.
 */
class ReqifDocumentHandler implements XmlHandler {
  private readonly path: string[] = [];
  private skipDepth = 0;
  private header: ReqifHeader | undefined;
  private headerField: keyof ReqifHeader | undefined;
  private referenceText = '';
  private referenceLine = 0;
  private attributeDefinition: AttributeDefinition | undefined;
  private specObjectType: SpecObjectType | undefined;
  private specObject: SpecObject | undefined;
  private specRelation: SpecRelation | undefined;
  private value: AttributeValue | undefined;
  private xhtml: XhtmlValueWriter | undefined;
  /** Indexes in `content.hierarchy` of the open SPEC-HIERARCHY nodes, outermost first. */
  private readonly hierarchyNodes: number[] = [];
  /** Nodes seen so far at each open level of the current SPECIFICATION, for section numbers. */
  private readonly siblingCounts: number[] = [];
  /** Index in `content.specifications` of the open SPECIFICATION. */
  private specificationIndex: number | undefined;

  public constructor(
    private readonly content: ReqifContent,
    private readonly file: string,
  ) {}

  public open(element: XmlElement): void {
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    if (this.xhtml !== undefined) {
      this.xhtml.open(element);
      return;
    }
    if (element.uri !== REQIF_NS && element.uri !== '') {
      // Every element of a document with another namespace would be skipped, leaving an empty source.
      if (this.path.length === 0 && element.local === 'REQ-IF') {
        this.content.problems.push({
          severity: 'error',
          message: `the root element REQ-IF is in the namespace ${element.uri}, not in the ReqIF namespace ${REQIF_NS}, so none of its content is ReqIF; set xmlns="${REQIF_NS}" on it, or export the file again`,
          position: { file: this.file, line: element.line },
        });
      }
      this.skipDepth = 1;
      return;
    }
    const local = element.local;
    if (local === 'TOOL-EXTENSIONS' || local === 'THE-ORIGINAL-VALUE') {
      this.skipDepth = 1;
      return;
    }
    this.path.push(local);
    this.openReqifElement(element);
  }

  private openReqifElement(element: XmlElement): void {
    const local = element.local;
    const identifier = element.attributes.get('IDENTIFIER') ?? '';
    const longName = element.attributes.get('LONG-NAME');
    const position = { file: this.file, line: element.line };

    if (local === 'REQ-IF-HEADER') {
      this.header = { file: this.file };
      this.content.headers.push(this.header);
    } else if (this.header !== undefined && HEADER_FIELDS.has(local) && this.parent() === 'REQ-IF-HEADER') {
      this.headerField = HEADER_FIELDS.get(local)!;
      this.header[this.headerField] = '';
    } else if (local === 'ENUM-VALUE') {
      this.content.enumValues.set(identifier, { identifier, longName });
    } else if (kindAfter('ATTRIBUTE-DEFINITION-', local) !== undefined && this.parent() === 'SPEC-ATTRIBUTES') {
      this.attributeDefinition = { identifier, kind: kindAfter('ATTRIBUTE-DEFINITION-', local)!, longName };
      this.content.attributeDefinitions.set(identifier, this.attributeDefinition);
      this.specObjectType?.attributeDefinitionIds.push(identifier);
    } else if (local === 'SPEC-OBJECT-TYPE') {
      this.specObjectType = { identifier, longName, attributeDefinitionIds: [] };
      this.content.specObjectTypes.set(identifier, this.specObjectType);
    } else if (local === 'SPEC-RELATION-TYPE') {
      this.content.specRelationTypes.set(identifier, { identifier, longName });
    } else if (local === 'SPEC-OBJECT') {
      this.specObject = { identifier, longName, values: [], position };
      this.content.specObjects.push(this.specObject);
    } else if (local === 'SPEC-RELATION') {
      this.specRelation = { identifier, position };
      this.content.specRelations.push(this.specRelation);
    } else if ((local === 'SOURCE' || local === 'TARGET') && this.specRelation !== undefined && this.parent() === 'SPEC-RELATION') {
      // An end stays empty unless a SPEC-OBJECT-REF follows, so `<SOURCE/>` reads as an empty end.
      this.specRelation[local === 'SOURCE' ? 'source' : 'target'] = { identifier: '', position };
    } else if (local === 'SPECIFICATION' && this.parent() === 'SPECIFICATIONS') {
      const description = element.attributes.get('DESC');
      this.specificationIndex = this.content.specifications.length;
      this.content.specifications.push({ identifier, longName, ...(description === undefined ? {} : { description }), position });
      this.siblingCounts.length = 0;
    } else if (local === 'SPEC-HIERARCHY') {
      this.openHierarchyNode();
    } else if (kindAfter('ATTRIBUTE-VALUE-', local) !== undefined) {
      this.openValue(kindAfter('ATTRIBUTE-VALUE-', local)!, element);
    } else if (local === 'THE-VALUE' && this.value?.kind === 'XHTML') {
      this.xhtml = new XhtmlValueWriter();
    } else if (local.endsWith('-REF')) {
      this.referenceText = '';
      this.referenceLine = element.line;
    }
  }

  /** Adds a SPEC-HIERARCHY node under the open node, or under the SPECIFICATION, with its section number. */
  private openHierarchyNode(): void {
    const parentIndex = this.hierarchyNodes[this.hierarchyNodes.length - 1];
    const depth = this.hierarchyNodes.length;
    const position = (this.siblingCounts[depth] ?? 0) + 1;
    this.siblingCounts[depth] = position;
    // The node's own children count from 1 again.
    this.siblingCounts.length = depth + 1;

    const parentNumber = parentIndex === undefined ? undefined : this.content.hierarchy[parentIndex]!.sectionNumber;
    const specificationIndex = this.specificationIndex;
    this.hierarchyNodes.push(this.content.hierarchy.length);
    this.content.hierarchy.push({
      ...(parentIndex === undefined ? {} : { parentIndex }),
      ...(specificationIndex === undefined ? {} : { specificationIndex }),
      sectionNumber: parentNumber === undefined ? String(position) : `${parentNumber}.${position}`,
    });
  }

  private openValue(kind: ReqifDatatypeKind, element: XmlElement): void {
    this.value = { kind, theValue: element.attributes.get('THE-VALUE'), enumValueRefs: [], position: { file: this.file, line: element.line } };
    if (this.parent() === 'DEFAULT-VALUE' && this.attributeDefinition !== undefined) {
      this.attributeDefinition.defaultValue = this.value;
    } else if (this.specObject !== undefined && this.parent() === 'VALUES') {
      this.specObject.values.push(this.value);
    }
  }

  public text(text: string): void {
    if (this.skipDepth > 0) {
      return;
    }
    if (this.xhtml !== undefined) {
      this.xhtml.characters(text);
    } else if (this.headerField !== undefined && this.header !== undefined) {
      this.header[this.headerField] += text;
    } else if (this.current()?.endsWith('-REF')) {
      this.referenceText += text;
    }
  }

  public close(element: XmlElement): void {
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    if (this.xhtml !== undefined && this.xhtml.depth > 0) {
      this.xhtml.close(element.local);
      return;
    }
    this.closeReqifElement(element.local);
    this.path.pop();
  }

  private closeReqifElement(local: string): void {
    if (local.endsWith('-REF')) {
      this.resolveReference(local, this.referenceText.trim());
    } else if (local === 'THE-VALUE' && this.xhtml !== undefined && this.value !== undefined) {
      this.value.xhtml = this.xhtml.xhtml();
      this.value.text = this.xhtml.plainText();
      this.xhtml = undefined;
    } else if (HEADER_FIELDS.has(local) && this.headerField !== undefined && this.header !== undefined) {
      this.header[this.headerField] = this.header[this.headerField]!.trim();
      this.headerField = undefined;
    } else if (local === 'REQ-IF-HEADER') {
      this.header = undefined;
    } else if (kindAfter('ATTRIBUTE-DEFINITION-', local) !== undefined && this.parent() === 'SPEC-ATTRIBUTES') {
      this.attributeDefinition = undefined;
    } else if (local === 'SPEC-OBJECT-TYPE') {
      this.specObjectType = undefined;
    } else if (local === 'SPEC-OBJECT') {
      this.specObject = undefined;
    } else if (local === 'SPEC-RELATION') {
      this.specRelation = undefined;
    } else if (local === 'SPECIFICATION' && this.parent() === 'SPECIFICATIONS') {
      this.specificationIndex = undefined;
    } else if (local === 'SPEC-HIERARCHY') {
      this.hierarchyNodes.pop();
    } else if (kindAfter('ATTRIBUTE-VALUE-', local) !== undefined) {
      this.value = undefined;
    }
  }

  /** Stores the IDENTIFIER a *-REF element names, according to where the element sits. */
  private resolveReference(local: string, identifier: string): void {
    const position = { file: this.file, line: this.referenceLine };
    const container = this.parent();
    if (local === 'SPEC-OBJECT-REF' && this.specRelation !== undefined && container === 'SOURCE') {
      this.specRelation.source = { identifier, position };
    } else if (local === 'SPEC-OBJECT-REF' && this.specRelation !== undefined && container === 'TARGET') {
      this.specRelation.target = { identifier, position };
    } else if (local === 'SPEC-OBJECT-REF' && container === 'OBJECT' && this.hierarchyNodes.length > 0) {
      this.content.hierarchy[this.hierarchyNodes[this.hierarchyNodes.length - 1]!]!.object = { identifier, position };
    } else if (local === 'SPEC-RELATION-TYPE-REF' && this.specRelation !== undefined) {
      this.specRelation.typeRef = identifier;
    } else if (local === 'SPEC-OBJECT-TYPE-REF' && this.specObject !== undefined) {
      this.specObject.typeRef = identifier;
    } else if (local === 'ENUM-VALUE-REF' && this.value !== undefined) {
      this.value.enumValueRefs.push(identifier);
    } else if (local.startsWith('ATTRIBUTE-DEFINITION-') && this.value !== undefined && container === 'DEFINITION') {
      this.value.definitionRef = identifier;
    }
  }

  /**
   * Removes the SPEC-OBJECT and SPEC-RELATION that malformed XML cut short, because their missing values
   * and ends would read as errors of the source.
   */
  public dropUnfinished(): void {
    if (this.specObject !== undefined) {
      this.content.specObjects.splice(this.content.specObjects.indexOf(this.specObject), 1);
    }
    if (this.specRelation !== undefined) {
      this.content.specRelations.splice(this.content.specRelations.indexOf(this.specRelation), 1);
    }
  }

  private current(): string | undefined {
    return this.path[this.path.length - 1];
  }

  private parent(): string | undefined {
    return this.path[this.path.length - 2];
  }
}

/**
 * Reads one ReqIF XML document from `input` into `content`; `file` names it in positions and errors.
 * Throws XmlSyntaxError for malformed XML, and `content` then has the elements read completely before it.
 */
export async function readReqifDocument(input: Readable, file: string, content: ReqifContent): Promise<void> {
  const handler = new ReqifDocumentHandler(content, file);
  try {
    await streamXml(input, file, handler, { root: 'REQ-IF', name: 'ReqIF' });
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      handler.dropUnfinished();
    }
    throw error;
  }
}
