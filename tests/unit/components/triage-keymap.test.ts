import { describe, expect, it } from 'vitest';
import { TRIAGE_KEYS, triageCommandOf, triageHelp } from '@/components/triage-keymap';

describe('the shared triage key table', () => {
  it('gives a key shared by the card and the panel the same command on both', () => {
    for (const entry of TRIAGE_KEYS.filter((e) => e.on.length === 2))
      for (const key of entry.keys.filter((k) => !k.startsWith('Arrow')))
        expect(triageCommandOf(key, 'overlay'), key).toEqual(triageCommandOf(key, 'panel'));
  });

  it('makes number keys pick the n-th entry on both surfaces', () => {
    expect(triageCommandOf('3', 'overlay')).toEqual({ kind: 'pick', index: 2 });
    expect(triageCommandOf('3', 'panel')).toEqual({ kind: 'pick', index: 2 });
  });

  it('gives a surface-only key no other meaning on the other surface', () => {
    expect(triageCommandOf('f', 'overlay')).toEqual({ kind: 'flag' });
    expect(triageCommandOf('f', 'panel')).toBeUndefined();
    expect(triageCommandOf('x', 'panel')).toEqual({ kind: 'select' });
    expect(triageCommandOf('x', 'overlay')).toBeUndefined();
    expect(triageCommandOf('Escape', 'panel')).toBeUndefined();
  });

  it('leaves the arrows to the page under a card (they scroll it)', () => {
    expect(triageCommandOf('ArrowDown', 'overlay')).toBeUndefined();
    expect(triageCommandOf('ArrowDown', 'panel')).toEqual({ kind: 'step', direction: 1 });
  });

  it('binds each key once', () => {
    const keys = TRIAGE_KEYS.flatMap((e) => e.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("lists the card's help in the order the card shows it", () => {
    expect(triageHelp('overlay').map((h) => h.what)).toEqual([
      'shortcutPick',
      'shortcutConfirm',
      'shortcutDismiss',
      'shortcutNextItem',
      'shortcutNote',
      'shortcutFlag',
      'shortcutEscalate',
      'shortcutClose',
      'shortcutHelp',
    ]);
  });
});
