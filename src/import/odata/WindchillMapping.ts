import { siteViewProblem } from '../BomViews.js';
import { ImportError } from '../ImportErrors.js';
import { unitIriProblem } from '../QuantityUnits.js';

/**
 * Mapping of a site's own Windchill names, as written in a `--mapping` JSON file for the odata format.
 * Every key is optional.
 *
 * - `attributes`: Windchill part properties to read as part attributes, by attribute name, such as
 *   `{"material": "MaterialSpec"}`. Attributes named like Part shape properties (`material`, `mass`,
 *   `lifecycleState`) are stored on the part; every other property keeps its Windchill name.
 * - `units`: QUDT unit IRIs of Windchill quantity units by internal name, such as
 *   `{"yd": "http://qudt.org/vocab/unit/YD"}`. They take precedence over the built-in units.
 * - `views`: the BOM view (EBOM or MBOM) of a site's own Windchill part views, by view name, such as
 *   `{"Service": "MBOM"}`. Design and Manufacturing map without it.
 */
export interface WindchillMapping {
  attributes?: Record<string, string>;
  units?: Record<string, string>;
  views?: Record<string, string>;
}

const KEYS = ['attributes', 'units', 'views'] as const;

const EXAMPLES: Record<(typeof KEYS)[number], string> = {
  attributes: '{"material": "MaterialSpec"}',
  units: '{"yd": "http://qudt.org/vocab/unit/YD"}',
  views: '{"Service": "MBOM"}',
};

/** Checks a parsed odata `--mapping` file and returns it typed. Throws ImportError naming an invalid key or value. */
export function checkWindchillMapping(value: unknown, source: string): WindchillMapping {
  if (value === undefined) {
    return {};
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError(`${source}: the mapping must be a JSON object such as {"attributes": ${EXAMPLES.attributes}, "units": ${EXAMPLES.units}}.`);
  }

  const mapping: WindchillMapping = {};
  for (const [key, entries] of Object.entries(value)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw new ImportError(`${source}: unknown mapping key "${key}"; the keys are ${KEYS.join(', ')}.`);
    }
    const known = key as (typeof KEYS)[number];
    if (typeof entries !== 'object' || entries === null || Array.isArray(entries) || Object.values(entries).some((name) => typeof name !== 'string' || name.trim() === '')) {
      throw new ImportError(`${source}: "${key}" must map names to names, such as ${EXAMPLES[known]}.`);
    }
    mapping[known] = entries as Record<string, string>;
  }

  // A unit is stored as a link, so anything but an absolute IRI would fail the BOM line shape later.
  for (const [unit, iri] of Object.entries(mapping.units ?? {})) {
    const problem = unitIriProblem(unit, iri);
    if (problem !== undefined) {
      throw new ImportError(`${source}: ${problem}`);
    }
  }
  for (const [view, target] of Object.entries(mapping.views ?? {})) {
    const problem = siteViewProblem('Windchill view', view, target);
    if (problem !== undefined) {
      throw new ImportError(`${source}: ${problem}.`);
    }
  }
  return mapping;
}
