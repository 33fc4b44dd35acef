/**
 * Watches the page for items coming and going without working inside the mutation callback:
 * the callback only keeps the records and schedules one batched pass. The pass decides how
 * much to do: nothing when only attributes or whitespace changed, a cheap sweep of overlays
 * whose items left the DOM when nodes were only removed, and a full adapter pass when nodes
 * were added or when the batch is too big to be worth reading record by record.
 */

/** Above this many records in one batch, reading them costs more than rescanning. */
export const HUGE_BATCH = 500;
/** How long mutations are gathered before one pass (a feed appends a batch of cards). */
export const SCAN_DELAY_MS = 120;

export type ScanKind = 'full' | 'sweep';

export function classifyBatch(records: readonly MutationRecord[]): ScanKind | undefined {
  if (records.length > HUGE_BATCH) return 'full';
  let removed = false;
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType === 1) return 'full';
      if (node.nodeType === 3 && node.textContent?.trim()) return 'full';
    }
    if (record.removedNodes.length > 0) removed = true;
  }
  return removed ? 'sweep' : undefined;
}

/** Calls `onScan` after batches of DOM changes under `root`, until `signal` aborts. */
export function watchForChanges(
  root: Node,
  onScan: (kind: ScanKind) => void,
  signal: AbortSignal,
): void {
  let pending: MutationRecord[] = [];
  let huge = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const records = pending;
    const kind = huge ? 'full' : classifyBatch(records);
    pending = [];
    huge = false;
    if (kind && !signal.aborted) onScan(kind);
  };
  const observer = new MutationObserver((records) => {
    // Only bookkeeping here: keep the records (or just "huge") and schedule the pass.
    if (huge || pending.length + records.length > HUGE_BATCH) {
      huge = true;
      pending = [];
    } else pending.push(...records);
    timer ??= setTimeout(flush, SCAN_DELAY_MS);
  });
  observer.observe(root, { childList: true, subtree: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      pending = [];
    },
    { once: true },
  );
}
