/** The overlay budget bench's marginal cost per card, on hand-made figures. */
import { describe, expect, it } from 'vitest';
import { marginalCost } from '../../../bench/marginal';

describe('marginalCost', () => {
  it('divides the difference in cost between depths by the difference in boxes', () => {
    // Once-per-page cost 30 ms, 1 ms a box: the margin sees only the 1 ms.
    const at = (boxes: number, added: number) => ({ boxes, ownMs: 30 + boxes, addedMs: added });
    const cost = marginalCost([at(20, 100)], [at(60, 140)]);
    expect(cost.boxes).toBe(40);
    expect(cost.ownUsPerBox).toBe(1000);
    expect(cost.addedUsPerBox).toBe(1000);
    expect(cost.rounds).toEqual([{ boxes: 40, ownMs: 40, addedMs: 40 }]);
  });

  it('takes each round’s difference before the median, so a busy round moves both depths', () => {
    const shallow = [
      { boxes: 30, ownMs: 40, addedMs: 50 },
      { boxes: 30, ownMs: 400, addedMs: 500 }, // a busy round: both depths ten times slower
      { boxes: 30, ownMs: 41, addedMs: 52 },
    ];
    const deep = [
      { boxes: 60, ownMs: 70, addedMs: 80 },
      { boxes: 60, ownMs: 700, addedMs: 800 },
      { boxes: 58, ownMs: 69, addedMs: 79 },
    ];
    const cost = marginalCost(shallow, deep);
    expect(cost.rounds.map((r) => r.ownMs)).toEqual([30, 300, 28]);
    expect(cost.boxes).toBe(30);
    expect(cost.ownUsPerBox).toBe(1000);
    expect(cost.addedUsPerBox).toBe(1000);
  });

  it('gives no figure when the deeper runs made no more boxes', () => {
    const run = { boxes: 10, ownMs: 5, addedMs: 5 };
    const cost = marginalCost([run], [{ ...run, ownMs: 9 }]);
    expect(cost.ownUsPerBox).toBeNaN();
    expect(cost.addedUsPerBox).toBeNaN();
  });

  it('refuses rounds that do not pair up', () => {
    const run = { boxes: 10, ownMs: 5, addedMs: 5 };
    expect(() => marginalCost([run], [run, run])).toThrow(/one shallow and one deep/);
    expect(() => marginalCost([], [])).toThrow(/one shallow and one deep/);
  });
});
