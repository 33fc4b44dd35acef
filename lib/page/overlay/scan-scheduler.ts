/**
 * Watches the page for items coming and going without working inside the mutation callback:
 * the callback only keeps the records and schedules one batched pass. The pass decides how
 * much to do: nothing when only attributes or whitespace changed, a cheap sweep of overlays
 * whose items left the DOM when nodes were only removed, a look inside just the added
 * subtrees when a few were added (a feed appending cards), and a full adapter pass when
 * the batch is too big to be worth reading record by record.
 */

import { observeTree } from './observed-tree';

/** Above this many records in one batch, reading them costs more than rescanning. */
export const HUGE_BATCH = 500;
/**
 * The pass runs in the next animation frame, just before the browser renders what the page
 * changed: the overlays' own updates (new items watched, boxes placed) ride that frame
 * instead of asking for one more. On a long feed every frame costs the page milliseconds of
 * style, layout and paint bookkeeping whatever changed, so a pass in a task of its own, a
 * moment later, cost a whole extra frame per batch of cards. Frames do not come in a hidden
 * tab: there the pass runs after SCAN_FALLBACK_MS.
 */
export const SCAN_FALLBACK_MS = 250;

export type ScanBatch =
  | { kind: 'full' }
  | { kind: 'sweep' }
  /**
   * `roots`: the elements added (for text added, its parent), still in the page;
   * `removed`: whether anything left the page in the same batch.
   */
  | { kind: 'added'; roots: Element[]; removed: boolean };

export function classifyBatch(records: readonly MutationRecord[]): ScanBatch | undefined {
  if (records.length > HUGE_BATCH) return { kind: 'full' };
  // A feed appending 200 cards makes one record of 200 nodes: each is read once, by index
  // (a NodeList's iterator costs more in the content script's world), and kept in order.
  const roots = new Set<Element>();
  let removed = false;
  for (let r = 0; r < records.length; r++) {
    const record = records[r] as MutationRecord;
    const added = record.addedNodes;
    for (let i = 0; i < added.length; i++) {
      const node = added[i] as Node;
      const type = node.nodeType;
      if (type === 1) roots.add(node as Element);
      else if (type === 3 && node.textContent?.trim() && node.parentElement)
        roots.add(node.parentElement);
    }
    if (!removed && record.removedNodes.length > 0) removed = true;
  }
  const connected: Element[] = [];
  for (const root of roots) if (root.isConnected) connected.push(root);
  if (connected.length > 0) return { kind: 'added', roots: connected, removed };
  return removed ? { kind: 'sweep' } : undefined;
}

/** What a change filter may ask of the observer: to stop, or start again, watching leaves. */
export interface LeafControl {
  setAside(leaf: Element): boolean;
  release(): void;
}

/**
 * Calls `onScan` after batches of DOM changes under `root`, until `signal` aborts. With
 * `matters`, records it refuses are dropped in the callback and schedule nothing: a page
 * that changes every frame where nothing can concern its view costs no pass. Leaves the
 * filter sets aside through the returned control are no longer observed at all
 * (observed-tree.ts): their records are not even made.
 */
export function watchForChanges(
  root: Node,
  onScan: (batch: ScanBatch) => void,
  signal: AbortSignal,
  matters?: (record: MutationRecord) => boolean,
): LeafControl {
  let pending: MutationRecord[] = [];
  let huge = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  const cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    timer = frame = undefined;
  };
  const flush = () => {
    cancel();
    const records = pending;
    const batch: ScanBatch | undefined = huge ? { kind: 'full' } : classifyBatch(records);
    pending = [];
    huge = false;
    if (batch && !signal.aborted) onScan(batch);
  };
  const keep = (all: MutationRecord[]) => {
    // Only bookkeeping here: keep the records (or just "huge") and schedule the pass.
    let records = all;
    if (matters && !huge && all.length <= HUGE_BATCH) {
      // No array is made while nothing matters (a page ticking every frame).
      let kept: MutationRecord[] | undefined;
      for (const record of all) {
        tree.follow(record);
        if (!matters(record)) continue;
        kept ??= [];
        kept.push(record);
      }
      if (!kept) return;
      records = kept;
    } else for (const record of all) tree.follow(record);
    if (records.length === 0) return;
    if (huge || pending.length + records.length > HUGE_BATCH) {
      huge = true;
      pending = [];
    } else pending.push(...records);
    if (timer !== undefined) return;
    timer = setTimeout(flush, SCAN_FALLBACK_MS);
    frame = requestAnimationFrame(flush);
  };
  const handle = (all: MutationRecord[]) => {
    keep(all);
    tree.settle();
  };
  const observer = new MutationObserver(handle);
  const tree = observeTree(observer, root, signal, {
    deliver: handle,
    // A leaf set aside gained an element (or moved): what it holds now is read.
    onReturn: (leaf) => {
      if (!signal.aborted) onScan({ kind: 'added', roots: [leaf], removed: false });
    },
  });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      cancel();
      pending = [];
    },
    { once: true },
  );
  return { setAside: (leaf) => tree.setAside(leaf), release: () => tree.release() };
}
