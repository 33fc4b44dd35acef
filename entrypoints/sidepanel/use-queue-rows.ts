/**
 * The queue's rows as the list scrolls: fetched from the background in blocks of 100 as they
 * come into view. Newest first, the next block continues from the previous block's last row
 * (keyset cursor); a jump far down (dragging the scrollbar) asks for that block by offset
 * instead of walking every block in between. A sorted queue (priority, severity, risk) is
 * ordered once by the background on the first block; later blocks name that order and ask
 * by position, so rows keep their places while the reviewer decides them.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { send } from '@/lib/messaging/client';
import type { QueueFilterView, QueueRow, QueueSortView } from '@/lib/messaging/workspace-messages';

const BLOCK = 100;

export interface QueueRows {
  rowAt(index: number): QueueRow | undefined;
  ensure(first: number, last: number): void;
  /** Replaces one row in place (after a single-flag edit). */
  patch(row: QueueRow): void;
  /** Loaded rows from `from` to `to` inclusive (for shift-selection of a range). */
  loadedBetween(from: number, to: number): QueueRow[];
}

export function useQueueRows(
  filter: QueueFilterView,
  sort: QueueSortView,
  generation: number,
  onError: (error: unknown) => void,
): QueueRows {
  const [blocks, setBlocks] = useState<ReadonlyMap<number, QueueRow[]>>(new Map());
  const loaded = useRef(new Map<number, QueueRow[]>());
  const inflight = useRef(new Set<number>());
  const epoch = useRef(0);
  const order = useRef<string | undefined>(undefined);

  // A new filter, sort (or a bulk action) starts over: answers to older requests are dropped.
  useEffect(() => {
    epoch.current++;
    loaded.current = new Map();
    inflight.current = new Set();
    order.current = undefined;
    setBlocks(loaded.current);
  }, [filter, sort, generation]);

  const fetchBlock = useCallback(
    async (block: number) => {
      const mine = epoch.current;
      inflight.current.add(block);
      const previous = loaded.current.get(block - 1)?.at(-1);
      const where =
        sort !== 'newest'
          ? { sort, ...(order.current ? { order: order.current } : {}), offset: block * BLOCK }
          : block === 0
            ? {}
            : previous
              ? { after: { createdAt: previous.createdAt, id: previous.id } }
              : { offset: block * BLOCK };
      try {
        const page = await send('queue.page', { filter, limit: BLOCK, ...where });
        if (mine !== epoch.current) return;
        if (page.order) order.current = page.order;
        loaded.current = new Map(loaded.current).set(block, page.rows);
        setBlocks(loaded.current);
      } catch (error) {
        if (mine === epoch.current) onError(error);
      } finally {
        if (mine === epoch.current) inflight.current.delete(block);
      }
    },
    [filter, sort, onError],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      // A sorted queue's first block makes its order; the others wait to share it (the
      // list asks again once the first block has arrived).
      const firstPending = sort !== 'newest' && order.current === undefined;
      if (firstPending && first > 0) {
        if (!loaded.current.has(0) && !inflight.current.has(0)) void fetchBlock(0);
        return;
      }
      for (let block = Math.floor(first / BLOCK); block <= Math.floor(last / BLOCK); block++) {
        if (firstPending && block > 0) return;
        if (!loaded.current.has(block) && !inflight.current.has(block)) void fetchBlock(block);
      }
    },
    [fetchBlock, sort],
  );

  const rowAt = useCallback(
    (index: number) =>
      index < 0 ? undefined : blocks.get(Math.floor(index / BLOCK))?.[index % BLOCK],
    [blocks],
  );

  const patch = useCallback((row: QueueRow) => {
    for (const [block, rows] of loaded.current) {
      const at = rows.findIndex((r) => r.id === row.id);
      if (at < 0) continue;
      const next = [...rows];
      next[at] = row;
      loaded.current = new Map(loaded.current).set(block, next);
      setBlocks(loaded.current);
      return;
    }
  }, []);

  const loadedBetween = useCallback(
    (from: number, to: number) => {
      const rows: QueueRow[] = [];
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
        const row = rowAt(i);
        if (row) rows.push(row);
      }
      return rows;
    },
    [rowAt],
  );

  return { rowAt, ensure, patch, loadedBetween };
}
