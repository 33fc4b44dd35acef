/**
 * Pages of a sorted queue. An order (lib/background/risk-views/queue-order.ts) is computed
 * on a first page and kept under a name the panel passes back for the next pages, so a
 * 10,000-flag queue is sorted once per filter, not once per block of rows, and rows keep
 * their places while the reviewer works. A few orders are kept (the newest), in memory
 * only: a service worker that restarted computes the order again.
 */
import type { FlagpostDb, StoredFlag, WithSync } from '@/lib/background/store/db';
import type { QueueCursor, QueueFilter } from '@/lib/background/store/queue-repo';
import { withSyncStates } from '@/lib/background/store/sync-states';
import type { QueueRankView } from '@/lib/messaging/workspace-messages';
import type { QueueSort } from '@/lib/shared/risk/queue-priority';
import { type QueueOrder, queueOrder } from './queue-order';

const KEPT_ORDERS = 4;

export interface SortedPageRequest {
  filter: QueueFilter;
  sort: Exclude<QueueSort, 'newest'>;
  order?: string | undefined;
  after?: QueueCursor | undefined;
  offset?: number | undefined;
  limit: number;
}

export interface SortedPage {
  rows: Array<WithSync<StoredFlag> & { rank?: QueueRankView }>;
  next?: QueueCursor;
  order: string;
}

export function createSortedPages(newName: () => string = () => crypto.randomUUID()) {
  const orders = new Map<string, QueueOrder & { key: string }>();

  async function orderFor(db: FlagpostDb, request: SortedPageRequest, now: number) {
    // The name only stands for the filter and sort it was made for.
    const key = JSON.stringify([request.sort, request.filter]);
    const known = request.order ? orders.get(request.order) : undefined;
    if (request.order && known?.key === key) return { name: request.order, order: known };
    const order = { ...(await queueOrder(db, request.filter, request.sort, now)), key };
    const name = newName();
    orders.set(name, order);
    for (const old of orders.keys()) if (orders.size > KEPT_ORDERS) orders.delete(old);
    return { name, order };
  }

  return {
    async page(db: FlagpostDb, request: SortedPageRequest, now: number): Promise<SortedPage> {
      const { name, order } = await orderFor(db, request, now);
      const afterAt = request.after ? order.ids.indexOf(request.after.id) : -1;
      const start = (afterAt >= 0 ? afterAt + 1 : 0) + (request.offset ?? 0);
      const ids = order.ids.slice(start, start + request.limit);
      // Read now: a row shows the flag as it is, at the place it had when the order was made.
      const found = await db.flags.bulkGet(ids);
      const live = found.filter((flag): flag is StoredFlag => flag !== undefined && !flag.deleted);
      const rows = (await withSyncStates(db, 'flag', live)).map((flag) => {
        const rank = order.ranks.get(flag.id);
        return rank ? { ...flag, rank } : flag;
      });
      const last = rows.at(-1);
      return ids.length === request.limit && last && start + ids.length < order.ids.length
        ? { rows, next: { createdAt: last.createdAt, id: last.id }, order: name }
        : { rows, order: name };
    },
  };
}
