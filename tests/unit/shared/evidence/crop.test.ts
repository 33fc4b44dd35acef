import { describe, expect, it } from 'vitest';
import { captureScale, cropRect } from '@/lib/shared/evidence/crop';

const image = { width: 2000, height: 1200 };

describe('cropRect', () => {
  it('scales CSS pixels to device pixels', () => {
    expect(cropRect({ x: 100, y: 50, width: 300, height: 200 }, 2, image)).toEqual({
      sx: 200,
      sy: 100,
      sw: 600,
      sh: 400,
    });
  });

  it('rounds outwards so a fractional rectangle keeps its edges', () => {
    expect(cropRect({ x: 10.4, y: 0.6, width: 10.2, height: 5 }, 1.5, image)).toEqual({
      sx: 15,
      sy: 0,
      sw: 16,
      sh: 9,
    });
  });

  it('keeps the visible part of an item cut by the viewport', () => {
    expect(cropRect({ x: -50, y: 1100, width: 200, height: 300 }, 1, image)).toEqual({
      sx: 0,
      sy: 1100,
      sw: 150,
      sh: 100,
    });
  });

  it('yields nothing for an item off screen, empty, or with a bad scale', () => {
    expect(cropRect({ x: 0, y: 1300, width: 100, height: 100 }, 1, image)).toBeUndefined();
    expect(cropRect({ x: 10, y: 10, width: 0, height: 100 }, 1, image)).toBeUndefined();
    expect(cropRect({ x: 10, y: 10, width: 10, height: 10 }, 0, image)).toBeUndefined();
    expect(cropRect({ x: Number.NaN, y: 10, width: 10, height: 10 }, 1, image)).toBeUndefined();
  });
});

describe('captureScale', () => {
  it('prefers the measured ratio of image to viewport (page zoom)', () => {
    expect(captureScale(2400, 2, 1000)).toBe(2.4);
  });
  it('falls back to devicePixelRatio, then 1', () => {
    expect(captureScale(2400, 2)).toBe(2);
    expect(captureScale(2400, 0)).toBe(1);
  });
});
