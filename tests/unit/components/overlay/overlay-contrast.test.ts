/**
 * The overlay's palette, read from its own stylesheet: every badge, severity label and text
 * colour keeps 4.5:1 (WCAG AA) on the background it is drawn on. Badges are opaque, so the
 * page behind them (light or dark) does not change what the reviewer reads.
 */
import { describe, expect, it } from 'vitest';
import { OVERLAY_CSS } from '@/components/overlay/styles';
import { AA_TEXT, contrastRatio } from '@/lib/shared/contrast';

/** The declarations of the rule with exactly this selector. */
function rule(selector: string): string {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = new RegExp(`(?:^|[}\\s])${escaped}\\s*\\{([^}]*)\\}`, 'm').exec(OVERLAY_CSS);
  if (!found) throw new Error(`no rule for ${selector}`);
  return found[1] ?? '';
}
function colour(selector: string, property: 'color' | 'background'): string | undefined {
  return new RegExp(`(?:^|;)\\s*${property}:\\s*(#[0-9a-f]{3,6})`, 'i').exec(rule(selector))?.[1];
}

const BADGE_TEXT = colour('.badge', 'color') ?? '';

describe('the overlay palette', () => {
  it('has no translucent badge any more', () => {
    expect(OVERLAY_CSS).not.toMatch(/\.badge[^{]*\{[^}]*opacity/);
  });

  it.each(['low', 'medium', 'high', 'critical'])('the %s badge meets AA', (severity) => {
    const background = colour(`.badge-${severity}`, 'background') ?? '';
    expect(contrastRatio(BADGE_TEXT, background)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(['.badge.quiet', '.badge.done-confirmed', '.badge.done-dismissed'])(
    '%s meets AA',
    (selector) => {
      const text = colour(selector, 'color') ?? BADGE_TEXT;
      const background = colour(selector, 'background') ?? '';
      expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(AA_TEXT);
    },
  );

  it('the quiet badge is teal on white (about 5.6:1)', () => {
    expect(colour('.badge.quiet', 'background')).toBe('#fff');
    expect(contrastRatio(colour('.badge.quiet', 'color') ?? '', '#fff')).toBeCloseTo(5.6, 1);
  });

  it('done is never a severity colour', () => {
    const severities = ['low', 'medium', 'high', 'critical'].map((s) =>
      colour(`.badge-${s}`, 'background'),
    );
    expect(severities).not.toContain(colour('.badge.done-confirmed', 'background'));
    expect(severities).not.toContain(colour('.badge.done-dismissed', 'background'));
  });

  it.each(['low', 'medium', 'high', 'critical'])('the %s label in the card meets AA', (s) => {
    const background = colour(`.sev-${s}`, 'background') ?? '';
    expect(contrastRatio('#fff', background)).toBeGreaterThanOrEqual(AA_TEXT);
  });

  it.each(['.muted', '.error', '.sync', '.sync-rejected', '.sync-synced', '.receipt'])(
    '%s text on the white card meets AA',
    (selector) => {
      expect(contrastRatio(colour(selector, 'color') ?? '', '#fff')).toBeGreaterThanOrEqual(
        AA_TEXT,
      );
    },
  );
});
