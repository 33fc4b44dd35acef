import { describe, expect, it } from 'vitest';
import { commandOf, SHORTCUTS } from '@/components/sidepanel/shortcuts';

const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => commandOf({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('panel shortcuts', () => {
  it('maps the triage keys to their commands', () => {
    expect(press('1')).toEqual({ kind: 'policy', slot: 0 });
    expect(press('9')).toEqual({ kind: 'policy', slot: 8 });
    expect(press('0')).toEqual({ kind: 'clear-policy' });
    expect(press('j')).toEqual({ kind: 'next' });
    expect(press('ArrowDown')).toEqual({ kind: 'next' });
    expect(press('k')).toEqual({ kind: 'previous' });
    expect(press('ArrowUp')).toEqual({ kind: 'previous' });
    expect(press('c')).toEqual({ kind: 'confirm' });
    expect(press('d')).toEqual({ kind: 'dismiss' });
    expect(press('n')).toEqual({ kind: 'note' });
    expect(press('x')).toEqual({ kind: 'select' });
    expect(press('X')).toEqual({ kind: 'select' });
    expect(press('?')).toEqual({ kind: 'help' });
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(press('c', { ctrlKey: true })).toBeUndefined();
    expect(press('d', { metaKey: true })).toBeUndefined();
    expect(press('1', { altKey: true })).toBeUndefined();
    expect(press('q')).toBeUndefined();
  });

  it('documents every command it handles in the help table', () => {
    expect(SHORTCUTS.map((s) => s.what)).toEqual(
      expect.arrayContaining([
        'spKeyConfirm',
        'spKeyDismiss',
        'spKeyNote',
        'spKeyHelp',
        'spKeyPolicy',
      ]),
    );
  });
});
