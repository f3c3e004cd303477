import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Literal, Quad } from '@rdfjs/types';
import { escapeHtml } from '../http/html/Html.js';
import { literalText } from '../http/html/XhtmlFragment.js';
import type { OslcUrls } from '../oslc/OslcUrls.js';
import { DCTERMS } from '../rdf/namespaces.js';
import { PROJECT_ROOT } from '../server/ProjectRoot.js';
import type { ResourceTypeShape } from '../shapes/ResourceShape.js';
import { previewHints, PREVIEW_SIZES, type PreviewHints, type PreviewSize } from './PreviewSize.js';

/** An `oslc:Preview`: the preview document's URL and its size hints. */
export interface PreviewDocument extends PreviewHints {
  document: string;
}

/**
 * An `oslc:Compact` (OSLC Core 3.0 Resource Preview, CompactShape): what a client needs to show a link
 * to a resource with a label and icon, and to embed its previews.
 */
export interface CompactResource {
  /** The resource described. */
  resource: string;
  /** The Compact's own IRI, `{resource}/compact`. */
  iri: string;
  /** `dcterms:title` as HTML that is valid inside a `span`: the plain-text title with markup escaped. */
  title?: string;
  /** `oslc:shortTitle`: the identifier, such as P-000002, escaped the same way. */
  shortTitle?: string;
  icon: string;
  /** Plain text, for an `img` element's `title`. */
  iconTitle: string;
  /** Plain text, for an `img` element's `alt`. */
  iconAltLabel: string;
  smallPreview: PreviewDocument;
  largePreview: PreviewDocument;
}

/**
 * Builds the Compact of a resource from its graph and shape: the title and short title are the values of
 * the shape's `dcterms:title` and `dcterms:identifier` properties, and the icon and its labels come from
 * the shape's name and title.
 */
export function buildCompact(resource: string, quads: readonly Quad[], shape: ResourceTypeShape, urls: OslcUrls): CompactResource {
  const title = valueOfDefinition(resource, quads, shape, DCTERMS('title'));
  const shortTitle = valueOfDefinition(resource, quads, shape, DCTERMS('identifier'));
  const previews = Object.fromEntries(PREVIEW_SIZES.map((size) => [size, { document: urls.preview(resource, size), ...previewHints(shape.name, size) }])) as Record<
    PreviewSize,
    PreviewDocument
  >;
  return {
    resource,
    iri: urls.compact(resource),
    ...(title === undefined ? {} : { title: escapeHtml(title) }),
    ...(shortTitle === undefined ? {} : { shortTitle: escapeHtml(shortTitle) }),
    icon: iconUrl(shape.name, urls),
    iconTitle: shape.title,
    iconAltLabel: shape.title,
    smallPreview: previews.small,
    largePreview: previews.large,
  };
}

/** Returns the URL of a shape's icon, `public/icons/{shape name}.svg`, or the application icon when the shape has none. */
export function iconUrl(shapeName: string, urls: OslcUrls): string {
  let file = ICON_FILES.get(shapeName);
  if (file === undefined) {
    file = existsSync(join(PROJECT_ROOT, 'public', 'icons', `${shapeName}.svg`)) ? `icons/${shapeName}.svg` : 'icons/app.svg';
    ICON_FILES.set(shapeName, file);
  }
  return urls.asset(file);
}

/** Icon file per shape name, looked up once because the icons change only with a new release. */
const ICON_FILES = new Map<string, string>();

/** Returns the first value of the shape property whose `oslc:propertyDefinition` is `definition`, if the shape has one. */
function valueOfDefinition(resource: string, quads: readonly Quad[], shape: ResourceTypeShape, definition: string): string | undefined {
  if (!shape.properties.some((property) => property.propertyDefinition === definition)) {
    return undefined;
  }
  const object = quads.find((quad) => quad.subject.value === resource && quad.predicate.value === definition && quad.object.termType === 'Literal')?.object;
  return object === undefined ? undefined : literalText(object as Literal);
}
