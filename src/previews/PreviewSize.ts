import { BadRequestHttpError } from '../http/HttpError.js';

/** The two previews a Compact offers: `oslc:smallPreview` for hovers and `oslc:largePreview` for panels. */
export type PreviewSize = 'small' | 'large';

export const PREVIEW_SIZES: readonly PreviewSize[] = ['small', 'large'];

/** CSS length, as OSLC Resource Preview 3.0 requires for `oslc:hintWidth` and `oslc:hintHeight`. */
export interface PreviewHints {
  hintWidth: string;
  hintHeight: string;
  /**
   * `oslc:initialHeight`, from the OSLC 2.0 compact XML. Its presence signals to 2.0 hosts that the
   * preview sends its own height after loading. OSLC 3.0 marks the term archaic, so only the XML form
   * carries it.
   */
  initialHeight: string;
}

/**
 * Default size hints. Previews taller than their hint ask their host for more room with resize messages
 * (public/preview.js), but hosts that ignore those messages cut the preview off, so types whose previews
 * run taller get their own heights below.
 */
export const PREVIEW_HINTS: Record<PreviewSize, PreviewHints> = {
  small: { hintWidth: '400px', hintHeight: '280px', initialHeight: '280px' },
  large: { hintWidth: '560px', hintHeight: '480px', initialHeight: '480px' },
};

/**
 * Heights by shape name where more than one preview in ten exceeds the default. They were measured in
 * Debian's Chromium on up to 25 resources per type of the sample programme's fcc provider, at the hint
 * widths. Each is the 90th percentile of the rendered heights, rounded up to 20 pixels. The percentiles
 * were 311 and 673 pixels for telemetry summaries (small and large), 360 and 613 for certification
 * artifacts and 282 for BOM lines (small).
 */
const TALLER_PREVIEWS: Record<string, Partial<Record<PreviewSize, string>>> = {
  TelemetrySummary: { small: '320px', large: '680px' },
  CertificationArtifact: { small: '380px', large: '620px' },
  BomLine: { small: '300px' },
};

/** Returns the size hints of a preview of a resource of shape `shapeName`. */
export function previewHints(shapeName: string, size: PreviewSize): PreviewHints {
  const height = TALLER_PREVIEWS[shapeName]?.[size];
  return height === undefined ? PREVIEW_HINTS[size] : { ...PREVIEW_HINTS[size], hintHeight: height, initialHeight: height };
}

/** Reads the `size` query parameter of a preview URL; a missing one means `small`. */
export function parsePreviewSize(value: unknown): PreviewSize {
  if (value === undefined) {
    return 'small';
  }
  if (typeof value === 'string' && (PREVIEW_SIZES as readonly string[]).includes(value)) {
    return value as PreviewSize;
  }
  const received = Array.isArray(value) ? value.join(', ') : String(value);
  throw new BadRequestHttpError(`The query parameter size="${received}" is not a preview size; use size=small or size=large, once.`);
}
