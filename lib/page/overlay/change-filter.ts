/**
 * Which DOM changes a page view must look at, decided inside the MutationObserver callback
 * so that the others cost no scheduled pass at all: a shop page whose countdown ticks every
 * frame would otherwise wake Flagpost every frame (a timer, a frame callback and a scan)
 * for nothing. The test is cheap: a node type, a `closest`, and for added elements one
 * `matches` and one `querySelector` inside what was added.
 */
import type { SiteAdapter } from '@/lib/page/sites/types';

export interface ChangeInterest {
  /** The page's adapter; undefined while no adapter understands the page. */
  adapter: SiteAdapter | undefined;
  /** Whether anything on the page is mounted or watched (removals may take it away). */
  holding: boolean;
}

function addedMatters(node: Node, adapter: SiteAdapter | undefined): boolean {
  const element = node.nodeType === 1;
  if (!element && node.nodeType !== 3) return false; // comments, processing instructions
  // No adapter yet: an added element may make one match; text cannot (adapters match by
  // address and selectors).
  if (!adapter) return element;
  if (adapter.repeated || !adapter.mayChange) return true;
  return adapter.mayChange(node);
}

/** Whether `record` can change the page view's items or the elements they are drawn on. */
export function recordMatters(record: MutationRecord, interest: ChangeInterest): boolean {
  if (interest.holding)
    for (const node of record.removedNodes) if (node.nodeType === 1) return true;
  for (const node of record.addedNodes) if (addedMatters(node, interest.adapter)) return true;
  return false;
}
