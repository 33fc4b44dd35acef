/**
 * Which item's card keyboard triage opens: the item whose overlay holds focus, else the one
 * nearest the viewport's centre; and, for j/k, the next or previous item in page order.
 */
import type { ItemMount } from './item-mount';

/** The mount whose box contains the focused element of the overlay's shadow root. */
export function focusedMount(root: ShadowRoot, mounts: Iterable<ItemMount>): ItemMount | undefined {
  const active = root.activeElement;
  if (!active) return undefined;
  for (const mount of mounts) if (mount.box.contains(active)) return mount;
  return undefined;
}

/** The mount on screen whose item's centre is nearest the viewport's centre. */
export function nearestToCentre(mounts: Iterable<ItemMount>, view: Window): ItemMount | undefined {
  const cx = view.innerWidth / 2;
  const cy = view.innerHeight / 2;
  let best: { mount: ItemMount; distance: number } | undefined;
  for (const mount of mounts) {
    const r = mount.element.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom < 0 || r.top > view.innerHeight || r.right < 0 || r.left > view.innerWidth)
      continue;
    const distance = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
    if (!best || distance < best.distance) best = { mount, distance };
  }
  return best?.mount;
}

/** The next (1) or previous (-1) mount after `from` in document order. */
export function stepFrom(
  mounts: Iterable<ItemMount>,
  from: ItemMount,
  direction: 1 | -1,
): ItemMount | undefined {
  const ordered = [...mounts]
    .filter((m) => m.element.isConnected)
    .sort((a, b) =>
      a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
    );
  const at = ordered.indexOf(from);
  return at < 0 ? undefined : ordered[at + direction];
}
