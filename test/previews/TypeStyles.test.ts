import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { projectShapes } from '../helpers/shapes.js';

/** Relative luminance of an sRGB colour `#rrggbb` (WCAG 2.2, "relative luminance"). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const linear = channels.map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  return 0.2126 * linear[0]! + 0.7152 * linear[1]! + 0.0722 * linear[2]!;
}

/** Contrast ratio of a colour against white (WCAG 2.2, "contrast ratio"). */
function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

describe('resource type styles', () => {
  const css = readFileSync(join(process.cwd(), 'public', 'preview.css'), 'utf8');

  for (const shape of projectShapes().resourceTypes()) {
    it(`${shape.name} has an icon and an accent readable as small text`, () => {
      const icon = join(process.cwd(), 'public', 'icons', `${shape.name}.svg`);
      assert.ok(existsSync(icon), `no icon ${icon}`);
      assert.match(readFileSync(icon, 'utf8'), new RegExp(`aria-label="${shape.title}"`));

      const accent = new RegExp(`\\.type-${shape.name} \\{ --accent: (#[0-9a-f]{6}); \\}`).exec(css)?.[1];
      assert.ok(accent !== undefined, `no accent for .type-${shape.name}`);
      // Type labels are 11 px text in the accent colour, so they need the 4.5:1 of normal text.
      assert.ok(contrastOnWhite(accent) >= 4.5, `${accent} has contrast ${contrastOnWhite(accent).toFixed(2)}:1 on white`);
    });
  }
});
