import { describe, expect, it } from 'vitest';
import { claimOpenCard } from '@/components/overlay/open-card';

describe('one card open at a time', () => {
  it('closes the card open before when another opens, and only that one', () => {
    const closed: string[] = [];
    const releaseA = claimOpenCard(() => closed.push('a'));
    expect(closed).toEqual([]);
    const releaseB = claimOpenCard(() => closed.push('b'));
    expect(closed).toEqual(['a']);
    // A stale release (a closed before) does not forget b.
    releaseA();
    claimOpenCard(() => closed.push('c'));
    expect(closed).toEqual(['a', 'b']);
    releaseB();
  });

  it('forgets a card that closed by itself', () => {
    const closed: string[] = [];
    const release = claimOpenCard(() => closed.push('d'));
    release();
    claimOpenCard(() => closed.push('e'))();
    expect(closed).toEqual([]);
  });
});
