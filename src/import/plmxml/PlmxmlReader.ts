import type { Readable } from 'node:stream';
import { streamXml, type XmlElement, type XmlHandler } from '../xml/XmlStream.js';
import { idList, type PlmxmlContent, type PlmxmlElement } from './PlmxmlContent.js';

export const PLMXML_NS = 'http://www.plmxml.org/Schemas/PLMXMLSchema';

/**
 * Collects Products, ProductRevisions, ProductView Occurrences, InstanceGraph Parts and Instances,
 * ReleaseStatuses and Views, each with the UserValues of its own UserData. Elements of other namespaces are ignored.
 */
class PlmxmlHandler implements XmlHandler {
  /** The collected elements enclosing the current position, innermost last; null for elements not collected. */
  private readonly owners: Array<PlmxmlElement | null> = [];

  /** The collected element whose Description child is open, and the text read so far. */
  private description: { owner: PlmxmlElement; text: string } | undefined;

  public constructor(private readonly content: PlmxmlContent) {}

  public open(element: XmlElement): void {
    // A Description child element contains the text description of the element that encloses it.
    const parent = this.owners.at(-1);
    if (element.uri === PLMXML_NS && element.local === 'Description' && parent !== null && parent !== undefined) {
      this.description = { owner: parent, text: '' };
    }
    const owner = element.uri === PLMXML_NS ? this.collect(element) : undefined;
    this.owners.push(owner ?? null);
  }

  public close(element: XmlElement): void {
    this.owners.pop();
    if (this.description !== undefined && element.local === 'Description') {
      const text = this.description.text.trim();
      if (text !== '') {
        this.description.owner.description = text;
      }
      this.description = undefined;
    }
  }

  /** Reads the text of a Description element; PLM XML keeps the other values the importer needs in attributes. */
  public text(text: string): void {
    if (this.description !== undefined) {
      this.description.text += text;
    }
  }

  private collect(element: XmlElement): PlmxmlElement | undefined {
    const attributes = element.attributes;
    const id = attributes.get('id');
    if (element.local === 'UserValue') {
      this.addUserValue(element);
      return undefined;
    }
    if (id === undefined) {
      return undefined;
    }
    const base = { id, line: element.line, name: attributes.get('name'), userValues: [] };
    switch (element.local) {
      case 'Product': {
        const product = { ...base, productId: attributes.get('productId') };
        this.content.products.set(id, product);
        return product;
      }
      case 'ProductRevision': {
        const revision = { ...base, masterRef: attributes.get('masterRef'), revision: attributes.get('revision'), releaseStatusRefs: idList(attributes.get('releaseStatusRefs')) };
        this.content.revisions.set(id, revision);
        return revision;
      }
      case 'Occurrence': {
        const usage = {
          ...base,
          kind: 'Occurrence' as const,
          target: attributes.get('instancedRef'),
          childRefs: idList(attributes.get('occurrenceRefs')),
          quantity: attributes.get('quantity'),
          lastInstanceParentRef: attributes.get('lastInstanceParentRef'),
          instanceRefs: idList(attributes.get('instanceRefs')),
        };
        this.content.usages.set(id, usage);
        return usage;
      }
      case 'Instance':
      case 'ProductInstance': {
        const usage = { ...base, kind: 'Instance' as const, target: attributes.get('partRef'), childRefs: [], quantity: attributes.get('quantity') };
        this.content.usages.set(id, usage);
        return usage;
      }
      case 'Part':
      case 'ProductRevisionView': {
        const part = {
          ...base,
          element: element.local,
          subType: attributes.get('subType'),
          revisionRef: attributes.get('revisionRef') ?? this.enclosingRevisionRef(),
          viewRef: attributes.get('viewRef'),
          instanceRefs: idList(attributes.get('instanceRefs')),
          releaseStatusRefs: idList(attributes.get('releaseStatusRefs')),
        };
        this.content.graphParts.set(id, part);
        return part;
      }
      case 'ReleaseStatus':
        this.content.releaseStatuses.set(id, base);
        return base;
      case 'View':
        this.content.views.set(id, base);
        return base;
      default:
        return undefined;
    }
  }

  /**
   * Returns `#id` of the ProductRevision that directly encloses the current element, if any. The schema
   * (PLMXMLSchema.xsd 7.0) links a view to its revision by `revisionRef` and allows no view inside a
   * ProductRevision, but a file that nests a BOM view revision there means the enclosing revision.
   */
  private enclosingRevisionRef(): string | undefined {
    const owner = this.nearestOwner();
    return owner !== undefined && this.content.revisions.get(owner.id) === owner ? `#${owner.id}` : undefined;
  }

  /** Returns the nearest collected element that encloses the current position. */
  private nearestOwner(): PlmxmlElement | undefined {
    return [...this.owners].reverse().find((candidate): candidate is PlmxmlElement => candidate !== null);
  }

  /** Adds a UserValue to the nearest collected element that encloses it. */
  private addUserValue(element: XmlElement): void {
    const title = element.attributes.get('title');
    const owner = this.nearestOwner();
    if (title !== undefined && owner !== undefined) {
      owner.userValues.push({ title, value: element.attributes.get('value') ?? '' });
    }
  }
}

/** Reads one PLM XML document from `input` into `content`; `file` names it in positions and errors. */
export async function readPlmxmlDocument(input: Readable, file: string, content: PlmxmlContent): Promise<void> {
  await streamXml(input, file, new PlmxmlHandler(content), { root: 'PLMXML', name: 'PLM XML' });
}
