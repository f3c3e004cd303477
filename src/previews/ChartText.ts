import { formatNumber } from './PreviewValues.js';
import { withUnitSymbol } from './UnitSymbols.js';

/** Approximate advance of one character of a 10-unit label, for keeping labels inside the drawing. */
export const CHARACTER_WIDTH = 5.8;

export function withUnit(value: number, unit: string | undefined): string {
  return withUnitSymbol(formatNumber(value), unit);
}

/** Rounds an SVG coordinate to one decimal, which is finer than a pixel at the charts' sizes. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}
