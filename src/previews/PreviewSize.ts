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
 * Size hints. In Debian's Chromium, 83 resources of the sample programme's fcc provider rendered at these
 * widths gave small previews 99 to 361 pixels tall (three in four at most 264). Large previews were 146
 * to 577 pixels tall (nine in ten at most 465). Taller previews ask their host for more room with resize
 * messages (public/preview.js).
 */
export const PREVIEW_HINTS: Record<PreviewSize, PreviewHints> = {
  small: { hintWidth: '400px', hintHeight: '280px', initialHeight: '280px' },
  large: { hintWidth: '560px', hintHeight: '480px', initialHeight: '480px' },
};

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
