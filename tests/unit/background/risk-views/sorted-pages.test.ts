import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSortedPages } from '@/lib/background/risk-views/sorted-pages';
import { FlagpostDb } from '@/lib/background/store/db';
import { matchingFlags } from '@/lib/background/store/queue-repo';
import { compareFor, type QueueSort } from '@/lib/shared/risk/queue-priority';
import { seed } from '../workspace/seed';

let db: FlagpostDb;
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-sorted-${Math.random()}`);
  await db.open();
  await seed(db, 250);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const NOW = Date.parse('2026-12-07T12:00:00Z');

/** Every page of a sorted queue, as the panel asks for them (by position, naming the order). */
async function walk(
  pages: ReturnType<typeof createSortedPages>,
  sort: Exclude<QueueSort, 'newest'>,
  filter = {},
) {
  const first = await pages.page(db, { filter, sort, limit: 40 }, NOW);
  const rows = [...first.rows];
  for (let offset = 40; first.next && offset < 1000; offset += 40) {
    const page = await pages.page(db, { filter, sort, order: first.order, offset, limit: 40 }, NOW);
    expect(page.order).toBe(first.order);
    rows.push(...page.rows);
    if (!page.next) break;
  }
  return rows;
}

describe('sorted queue pages', () => {
  it('walks every matching flag once, in the sort order, each with its rank', async () => {
    const rows = await walk(createSortedPages(), 'priority', { creatorKey: 'shopvid:seller3' });
    const expected = (await matchingFlags(db, { creatorKey: 'shopvid:seller3' })).length;
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.id)).size).toBe(expected);
    const ranked = rows.map((r) => ({ ...r, risk: r.rank?.risk?.score }));
    expect([...ranked].sort(compareFor('priority', NOW)).map((r) => r.id)).toEqual(
      rows.map((r) => r.id),
    );
    // Seven sellers with confirmed flags among them: every row knows its creator's risk.
    expect(rows.every((r) => r.rank?.risk !== undefined)).toBe(true);
    const firstDecided = rows.findIndex((r) => !r.rank?.undecided);
    expect(firstDecided).toBeGreaterThan(0);
    expect(rows.slice(firstDecided).every((r) => !r.rank?.undecided)).toBe(true);
  });

  it('severity puts every critical flag before any high one', async () => {
    const rows = await walk(createSortedPages(), 'severity');
    const order = ['critical', 'high', 'medium', 'low'];
    const ranks = rows.map((r) => order.indexOf(r.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('keeps rows in their places while flags change, and shows each as it is now', async () => {
    const pages = createSortedPages();
    const first = await pages.page(db, { filter: {}, sort: 'priority', limit: 10 }, NOW);
    const decided = first.rows[0];
    if (!decided) throw new Error('no rows');
    await db.flags.update(decided.id, { status: 'dismissed' });
    const again = await pages.page(
      db,
      { filter: {}, sort: 'priority', order: first.order, limit: 10 },
      NOW,
    );
    expect(again.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(again.rows[0]?.status).toBe('dismissed');
  });

  it('makes a new order when the name is unknown or was made for another filter', async () => {
    let n = 0;
    const pages = createSortedPages(() => `order-${++n}`);
    const a = await pages.page(db, { filter: {}, sort: 'risk', limit: 5 }, NOW);
    const b = await pages.page(
      db,
      { filter: { market: 'TH' }, sort: 'risk', order: a.order, limit: 5 },
      NOW,
    );
    const c = await pages.page(db, { filter: {}, sort: 'risk', order: 'forgotten', limit: 5 }, NOW);
    expect([a.order, b.order, c.order]).toEqual(['order-1', 'order-2', 'order-3']);
    expect(b.rows.every((r) => r.item.market === 'TH')).toBe(true);
  });
});
