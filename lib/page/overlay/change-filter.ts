/**
 * Which DOM changes a page view must look at, decided inside the MutationObserver callback
 * so that the others cost no scheduled pass at all: a shop page whose countdown ticks every
 * frame would otherwise wake Flagpost every frame (a timer, a frame callback and a scan)
 * for nothing. The test is cheap: a node type and, for added text, one verdict per parent
 * element, kept (a countdown's text is replaced every frame under the same element); for
 * added elements, the adapter's own test on what was added.
 */
import type { SiteAdapter } from '@/lib/page/sites/types';
import type { LeafControl } from './scan-scheduler';

/**
 * After this many records dropped at the first look, a quiet target is set aside: no longer
 * observed at all (observed-tree.ts), so the page's writes to it make no record. A countdown
 * redrawn every frame is set aside within a fifth of a second.
 */
export const SET_ASIDE_AFTER = 10;

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

/**
 * `recordMatters` with the verdict on added text kept per parent element, for as long as
 * the adapter stays the same. A parent's verdict (is it inside a JSON-LD block or a
 * property's value?) changes only when the parent moves, which the page does by adding it
 * again: then it is an added element, judged afresh, and its old verdict is dropped.
 *
 * A ticking counter's record is dropped at the first look, from its target alone (no node
 * list read: in the content script's world each node read costs a wrapper of its own, and
 * that was most of Flagpost's script on a page ticking every frame). The target is quiet
 * when text added under it does not matter and it held no element when its last record was
 * judged; if it still holds none, nothing that record added or removed matters either: an
 * element added and removed again between two looks was never seen by a scan, so nothing
 * of ours is drawn on it. With `leaves`, a target dropped SET_ASIDE_AFTER times is set
 * aside (no longer observed; the observer takes it back if it gains an element), and every
 * leaf is taken back when the adapter changes.
 */
export function createChangeFilter(
  interest: () => ChangeInterest,
  leaves?: () => LeafControl | undefined,
): (record: MutationRecord) => boolean {
  let verdicts = new WeakMap<Element, boolean>();
  let quiet = new WeakSet<Node>();
  // Records dropped at the first look, per quiet target; kept across `forget` (a page adding
  // cards while its countdown ticks must not keep the countdown from being set aside).
  const ticks = new WeakMap<Node, number>();
  let forAdapter: SiteAdapter | undefined;
  const forget = () => {
    verdicts = new WeakMap();
    quiet = new WeakSet();
  };
  return (record) => {
    const current = interest();
    if (current.adapter !== forAdapter) {
      forget();
      // What matters under a leaf set aside may differ for the new adapter.
      if (forAdapter !== undefined) leaves?.()?.release();
      forAdapter = current.adapter;
    }
    const target = record.target as Element | undefined;
    if (target && quiet.has(target)) {
      if (target.firstElementChild === null) {
        if (leaves) {
          const seen = (ticks.get(target) ?? 0) + 1;
          ticks.set(target, seen);
          // A target rewritten this often, text only, is not observed any more.
          if (seen === SET_ASIDE_AFTER) leaves()?.setAside(target);
        }
        return false;
      }
      quiet.delete(target);
      ticks.delete(target);
    }
    // Indexed reads: iterating a NodeList goes through its iterator, slower in this world.
    const removed = record.removedNodes;
    if (current.holding)
      for (let i = 0; i < removed.length; i++) if (removed[i]?.nodeType === 1) return true;
    const added = record.addedNodes;
    for (let i = 0; i < added.length; i++) {
      const node = added[i] as Node;
      if (node.nodeType === 3 && node.parentElement) {
        const parent = node.parentElement;
        let verdict = verdicts.get(parent);
        if (verdict === undefined) {
          verdict = addedMatters(node, current.adapter);
          verdicts.set(parent, verdict);
        }
        if (verdict) return true;
      } else if (addedMatters(node, current.adapter)) {
        if (node.nodeType === 1) forget(); // ancestors of old text may have moved
        return true;
      } else if (node.nodeType === 1) forget();
    }
    if (
      target?.nodeType === 1 &&
      target.firstElementChild === null &&
      verdicts.get(target) === false
    )
      quiet.add(target);
    return false;
  };
}
