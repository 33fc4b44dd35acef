/**
 * Where an item sits in a capture of the visible tab. The content script measures the item
 * in CSS pixels relative to the viewport; the capture is in device pixels. The rectangle is
 * scaled, rounded outwards and clamped to the image, so a half-visible item yields its
 * visible part and an item off screen yields nothing.
 */
export interface CssRect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PixelRect {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
}

export function cropRect(
  rect: CssRect,
  scale: number,
  image: { width: number; height: number },
): PixelRect | undefined {
  if (!(scale > 0) || ![rect.x, rect.y, rect.width, rect.height].every(Number.isFinite))
    return undefined;
  const left = Math.max(0, Math.floor(rect.x * scale));
  const top = Math.max(0, Math.floor(rect.y * scale));
  const right = Math.min(image.width, Math.ceil((rect.x + rect.width) * scale));
  const bottom = Math.min(image.height, Math.ceil((rect.y + rect.height) * scale));
  if (right <= left || bottom <= top) return undefined;
  return { sx: left, sy: top, sw: right - left, sh: bottom - top };
}

/**
 * Device pixels per CSS pixel of the capture: the image width over the viewport width when
 * the page told us both (page zoom changes it), else the page's devicePixelRatio.
 */
export function captureScale(
  imageWidth: number,
  devicePixelRatio: number,
  viewportWidth?: number,
): number {
  if (viewportWidth && viewportWidth > 0 && imageWidth > 0) return imageWidth / viewportWidth;
  return devicePixelRatio > 0 ? devicePixelRatio : 1;
}
