/**
 * One card open at a time: a card that opens closes the one open before it (on the same
 * page, whichever item it belongs to).
 */

let current: (() => void) | undefined;

/**
 * Records `close` as the open card's, closing any other card first. Returns the release to
 * call when this card closes (it forgets `close` only if it is still the open one).
 */
export function claimOpenCard(close: () => void): () => void {
  const previous = current;
  current = close;
  if (previous && previous !== close) previous();
  return () => {
    if (current === close) current = undefined;
  };
}
