/**
 * WCAG 2 contrast: relative luminance of sRGB colours, the ratio of two, and a colour seen
 * through opacity over its backdrop (what a reader actually sees for `opacity: .55`).
 * Pure, so the palette can be checked in unit tests beside axe's checks of rendered pages.
 */

export type Rgb = readonly [number, number, number];

/** `#rgb` or `#rrggbb`; anything else is refused with the value in the message. */
export function parseHex(hex: string): Rgb {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(hex);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  const parts = short ? short.slice(1).map((d) => d + d) : long?.slice(1);
  if (!parts) throw new Error(`Not a #rgb or #rrggbb colour: ${hex}`);
  return [parseInt(parts[0] ?? '', 16), parseInt(parts[1] ?? '', 16), parseInt(parts[2] ?? '', 16)];
}

const channel = (value: number) => {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === 'string' ? parseHex(a) : a);
  const lb = luminance(typeof b === 'string' ? parseHex(b) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** A colour drawn at `alpha` over `backdrop` (sRGB blending, as browsers composite). */
export function over(colour: Rgb | string, alpha: number, backdrop: Rgb | string): Rgb {
  const c = typeof colour === 'string' ? parseHex(colour) : colour;
  const d = typeof backdrop === 'string' ? parseHex(backdrop) : backdrop;
  const mix = (i: 0 | 1 | 2) => Math.round(c[i] * alpha + d[i] * (1 - alpha));
  return [mix(0), mix(1), mix(2)];
}

/** WCAG AA for normal text. */
export const AA_TEXT = 4.5;
