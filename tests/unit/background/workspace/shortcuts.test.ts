import { describe, expect, it } from 'vitest';
import { commandOf, SHORTCUTS } from '@/components/sidepanel/shortcuts';

const press = (
  key: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => commandOf({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('panel shortcuts', () => {
  it('maps the triage keys to their commands', () => {
    expect(press('1')).toEqual({ kind: 'pick', index: 0 });
    expect(press('9')).toEqual({ kind: 'pick', index: 8 });
    expect(press('j')).toEqual({ kind: 'step', direction: 1 });
    expect(press('ArrowDown')).toEqual({ kind: 'step', direction: 1 });
    expect(press('k')).toEqual({ kind: 'step', direction: -1 });
    expect(press('ArrowUp')).toEqual({ kind: 'step', direction: -1 });
    expect(press('c')).toEqual({ kind: 'decide', decision: 'confirmed' });
    expect(press('d')).toEqual({ kind: 'decide', decision: 'dismissed' });
    expect(press('n')).toEqual({ kind: 'note' });
    expect(press('x')).toEqual({ kind: 'select' });
    expect(press('X')).toEqual({ kind: 'select' });
    expect(press('p')).toEqual({ kind: 'policy-filter' });
    expect(press('?')).toEqual({ kind: 'help' });
  });

  it('has no card-only keys: f and Escape mean nothing in the panel', () => {
    expect(press('f')).toBeUndefined();
    expect(press('Escape')).toBeUndefined();
    expect(press('0')).toBeUndefined();
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(press('c', { ctrlKey: true })).toBeUndefined();
    expect(press('d', { metaKey: true })).toBeUndefined();
    expect(press('1', { altKey: true })).toBeUndefined();
    expect(press('q')).toBeUndefined();
  });

  it('documents every command it handles in the help table', () => {
    expect(SHORTCUTS.map((s) => s.what)).toEqual([
      'spKeyPick',
      'spKeyConfirmNext',
      'spKeyDismissNext',
      'spKeyNext',
      'spKeyPrevious',
      'spKeyNote',
      'spKeySelectBoth',
      'spKeyPolicyFilter',
      'spKeyHelp',
    ]);
  });
});
