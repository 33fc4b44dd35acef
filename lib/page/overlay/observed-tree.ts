/**
 * One MutationObserver over the page, minus the leaves set aside: elements whose text the
 * page rewrites over and over and that hold no element (a flash sale's countdown, a frame
 * counter). Observing them at all costs the page: with a `childList`/`subtree` registration
 * above it, every text the page writes there makes the browser build a mutation record and
 * deliver it into the content script's world, which on a page ticking every frame costs more
 * than whatever the callback then decides (measured in `npm run bench shop-pages`: an
 * observer with an empty callback, from an isolated world, is most of the cost).
 *
 * With leaves set aside, the tree is observed in pieces: every ancestor of a leaf (a "path"
 * node) for its own children only, every other child of a path node with its whole subtree,
 * the leaves not at all. Elements the page adds under a path node are observed as they come
 * (`follow`). A leaf that gains an element, leaves the page or moves is taken back (checked
 * every RECHECK_MS while any leaf is aside) and handed to `onReturn`, so what the page put in
 * it meanwhile is read then.
 */

/** At most this many leaves are set aside (each one makes the observed pieces more). */
export const MAX_ASIDE = 32;
/** How often leaves set aside are checked for elements added to them, or for moves. */
export const RECHECK_MS = 1_000;

export interface ObservedPiece {
  node: Node;
  /** Whether its subtree is observed, or only its own children. */
  subtree: boolean;
}

/**
 * Where to observe so that every change under `root` is seen but those inside the `aside`
 * leaves: each path node (an ancestor of a leaf, `root` included) without its subtree, every
 * other element child of a path node with its subtree. Leaves outside `root` are ignored.
 */
export function observedPieces(root: Node, aside: Iterable<Node>): ObservedPiece[] {
  const leaves = new Set<Node>();
  const paths = new Set<Node>();
  for (const leaf of aside) {
    if (leaf === root || !root.contains(leaf)) continue;
    leaves.add(leaf);
    for (let at = leaf.parentNode; at; at = at === root ? null : at.parentNode) paths.add(at);
  }
  if (leaves.size === 0) return [{ node: root, subtree: true }];
  const pieces: ObservedPiece[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (leaves.has(node)) continue;
    if (!paths.has(node)) {
      pieces.push({ node, subtree: true });
      continue;
    }
    pieces.push({ node, subtree: false });
    // Text children are the path node's own children: its childList registration sees them.
    for (let child = node.lastChild; child; child = child.previousSibling)
      if (child.nodeType === 1) stack.push(child);
  }
  return pieces;
}

export interface ObservedTree {
  /**
   * Stops observing `leaf` (an element holding no element). Takes effect at `settle`, so a
   * callback can set leaves aside while it reads its records. False when not set aside.
   */
  setAside(leaf: Element): boolean;
  /** Every record delivered, before anything else reads it: observes what a path node gained. */
  follow(record: MutationRecord): void;
  /** Applies the leaves set aside since the last call (the observer is rebuilt once). */
  settle(): void;
  /** Takes every leaf back (at `settle`) and observes the whole tree again. */
  release(): void;
  /** How many leaves are set aside now. */
  readonly asideCount: number;
}

const OPTIONS = { childList: true } as const;

export function observeTree(
  observer: MutationObserver,
  root: Node,
  signal: AbortSignal,
  hooks: {
    /** Records taken from the observer before it is rebuilt outside its callback. */
    deliver: (records: MutationRecord[]) => void;
    /** A leaf taken back because it gained an element, left the page or moved. */
    onReturn: (leaf: Element) => void;
  },
): ObservedTree {
  const aside = new Set<Element>();
  let paths = new Set<Node>();
  let dirty = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Observes the pieces anew; returns the records the old registrations had queued. */
  const rebuild = () => {
    dirty = false;
    const pending = observer.takeRecords();
    observer.disconnect();
    paths = new Set();
    for (const piece of observedPieces(root, aside)) {
      if (!piece.subtree) paths.add(piece.node);
      observer.observe(piece.node, { ...OPTIONS, subtree: piece.subtree });
    }
    if (aside.size > 0 && timer === undefined) timer = setInterval(recheck, RECHECK_MS);
    if (aside.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
    return pending;
  };

  const rebuildAndDeliver = () => {
    const pending = rebuild();
    if (pending.length > 0) hooks.deliver(pending);
  };

  /** Whether `leaf` still sits where it was set aside: under path nodes all the way up. */
  const inPlace = (leaf: Element) => {
    if (leaf.firstElementChild !== null || !root.contains(leaf)) return false;
    for (let at = leaf.parentNode; at; at = at === root ? null : at.parentNode)
      if (!paths.has(at)) return false;
    return true;
  };

  const recheck = () => {
    if (signal.aborted) return;
    const back = [...aside].filter((leaf) => !inPlace(leaf));
    if (back.length === 0) return;
    for (const leaf of back) aside.delete(leaf);
    rebuildAndDeliver();
    for (const leaf of back) if (root.contains(leaf)) hooks.onReturn(leaf);
  };

  rebuild();
  signal.addEventListener(
    'abort',
    () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
    { once: true },
  );

  return {
    setAside(leaf) {
      if (aside.size >= MAX_ASIDE || aside.has(leaf) || leaf.firstElementChild !== null)
        return false;
      if (leaf === root || !root.contains(leaf)) return false;
      aside.add(leaf);
      dirty = true;
      return true;
    },
    follow(record) {
      if (paths.size === 0 || !paths.has(record.target)) return;
      const added = record.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const node = added[i] as Node;
        if (node.nodeType === 1 && !paths.has(node) && !aside.has(node as Element))
          observer.observe(node, { ...OPTIONS, subtree: true });
      }
      // A path node or a leaf taken out of the tree: the pieces are worked out again.
      const removed = record.removedNodes;
      for (let i = 0; i < removed.length; i++) {
        const node = removed[i] as Node;
        if (paths.has(node) || aside.has(node as Element)) {
          if (aside.has(node as Element) && !root.contains(node)) aside.delete(node as Element);
          dirty = true;
        }
      }
    },
    settle() {
      if (!dirty || signal.aborted) return;
      for (const leaf of aside) if (!root.contains(leaf)) aside.delete(leaf);
      rebuildAndDeliver();
    },
    release() {
      if (aside.size === 0) return;
      aside.clear();
      dirty = true;
    },
    get asideCount() {
      return aside.size;
    },
  };
}
