/**
 * `mayChange` for adapters that find their items by selectors (the platform's video, live
 * and product pages): which nodes the page adds can change the items they find. A page
 * read in full is read again only after such an addition, so a live room whose viewer
 * count, likes and chat tick every second costs no re-read.
 *
 * What is read again matters only when it finds other items, or puts one on another
 * element: an item already drawn keeps what was read when it was found (page-view.ts). So
 * what counts is what names items or holds them, never counts or descriptions.
 */
export interface SelectorChanges {
  /** Elements that name an item or hold one: an added element that is or holds one counts. */
  structure: string;
  /**
   * Elements whose descendants name their item (a product card, by its link): anything
   * added inside one counts.
   */
  inside?: string;
  /** Elements whose text names an item (a live host's handle, when the room has no id). */
  text?: string;
}

export function selectorChanges(changes: SelectorChanges): (added: Node) => boolean {
  const { structure, inside, text } = changes;
  const within = [inside, text].filter(Boolean).join(', ');
  return (added) => {
    try {
      if (added.nodeType === 3) {
        const parent = added.parentElement;
        return Boolean(text && parent?.closest(text));
      }
      if (added.nodeType !== 1) return false;
      const element = added as Element;
      if (element.matches(structure) || element.querySelector(structure)) return true;
      return Boolean(within && element.parentElement?.closest(within));
    } catch {
      return true; // when in doubt, read the page again
    }
  };
}
