import { describe, expect, it } from 'vitest';
import { RISK_CHIP_CSS } from '@/components/risk/risk-chip';
import { AA_TEXT, contrastRatio, over, parseHex } from '@/lib/shared/contrast';

describe('WCAG contrast', () => {
  it('matches the reference figures', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#fff', '#fff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#fff')).toBeCloseTo(4.54, 2);
  });

  it('sees opacity as the reader does: white on teal at 55% over a white page is about 2.4:1', () => {
    // The quiet overlay badge of issue 18: the text and its teal both fade into the page.
    const teal = over('#0d7377', 0.55, '#ffffff');
    const text = over('#ffffff', 0.55, '#ffffff');
    expect(contrastRatio(text, teal)).toBeCloseTo(2.4, 1);
    expect(contrastRatio('#ffffff', '#0d7377')).toBeGreaterThan(AA_TEXT); // at full opacity
  });

  it('refuses a colour it cannot read, saying which', () => {
    expect(() => parseHex('teal')).toThrow('Not a #rgb or #rrggbb colour: teal');
  });
});

describe('the risk chip palette', () => {
  // Every chip rule's text colour on its background, read from the chip's own stylesheet.
  const rules = [...RISK_CHIP_CSS.matchAll(/\.risk-chip\.risk-([a-z]+)[^{]*\{([^}]*)\}/g)];
  const colour = (body: string, property: string) =>
    new RegExp(`(?:^|;)\\s*${property}:\\s*(#[0-9a-f]{3,6})`, 'i').exec(body)?.[1];

  it('covers every state and band', () => {
    expect(rules.map((r) => r[1])).toEqual(['low', 'elevated', 'high', 'critical', 'unknown']);
  });

  it.each(rules.map((r) => [r[1], r[2] ?? '']))('%s meets AA (4.5:1)', (_band, body) => {
    const background = colour(body, 'background') ?? '#ffffff';
    const text = colour(body, 'color') ?? '#ffffff';
    expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});
