import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePreviewSize, previewHints, type PreviewSize } from '../../src/previews/PreviewSize.js';

describe('preview size hints', () => {
  const HINTS: [shape: string, size: PreviewSize, width: string, height: string][] = [
    ['Part', 'small', '400px', '280px'],
    ['Part', 'large', '560px', '480px'],
    ['TelemetrySummary', 'small', '400px', '320px'],
    ['TelemetrySummary', 'large', '560px', '680px'],
    ['CertificationArtifact', 'small', '400px', '380px'],
    ['CertificationArtifact', 'large', '560px', '620px'],
    ['BomLine', 'small', '400px', '300px'],
    ['BomLine', 'large', '560px', '480px'],
  ];
  for (const [shape, size, width, height] of HINTS) {
    it(`${shape} ${size} preview is ${width} by ${height}`, () => {
      assert.deepEqual(previewHints(shape, size), { hintWidth: width, hintHeight: height, initialHeight: height });
    });
  }
});

describe('preview size parameter', () => {
  const SIZES: [value: unknown, expected: PreviewSize | RegExp][] = [
    [undefined, 'small'],
    ['small', 'small'],
    ['large', 'large'],
    ['huge', /size="huge" is not a preview size; use size=small or size=large/],
    [['small', 'large'], /size="small, large"/],
  ];
  for (const [value, expected] of SIZES) {
    it(`${JSON.stringify(value)} gives ${String(expected)}`, () => {
      if (typeof expected === 'string') {
        assert.equal(parsePreviewSize(value), expected);
      } else {
        assert.throws(() => parsePreviewSize(value), expected);
      }
    });
  }
});
