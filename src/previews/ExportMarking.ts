import type { Quad } from '@rdfjs/types';
import { escapeHtml } from '../http/html/Html.js';
import { DT } from '../rdf/namespaces.js';
import type { ResourceShape } from '../shapes/ResourceShape.js';
import type { Vocabulary } from '../vocab/Vocabulary.js';

/**
 * Returns the export-control banner of a resource, or an empty string when it has no `dt:exportControl`:
 * the regime (ITAR, EAR, EAR99) with its ECCN or USML category, labelled from the vocabulary and the
 * shape. A preview shows it above every other field, because a reader must see the marking before the
 * technical data.
 */
export function exportMarkingHtml(resource: string, quads: readonly Quad[], shape: ResourceShape, vocabulary: Vocabulary): string {
  const value = (predicate: string): string | undefined =>
    quads.find((quad) => quad.subject.value === resource && quad.predicate.value === predicate)?.object.value;
  const regime = value(DT('exportControl'));
  if (regime === undefined) {
    return '';
  }

  const regimeLabel = vocabulary.label(regime) ?? regime.slice(regime.lastIndexOf('#') + 1);
  const details: string[] = [];
  for (const predicate of [DT('usmlCategory'), DT('eccn')]) {
    const detail = value(predicate);
    if (detail !== undefined) {
      const label = shape.properties.find((property) => property.propertyDefinition === predicate)?.title ?? vocabulary.label(predicate) ?? '';
      details.push(`<span class="marking-detail">${escapeHtml(label)} <strong>${escapeHtml(detail)}</strong></span>`);
    }
  }
  const tone = regimeLabel.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return `<div class="marking marking-${escapeHtml(tone)}" role="note" aria-label="Export control"><span class="marking-regime">${escapeHtml(regimeLabel)}</span>${details.map((detail) => ` ${detail}`).join('')}</div>`;
}
