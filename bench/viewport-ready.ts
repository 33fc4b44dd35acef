/**
 * The overlay benches' readiness check, run in the measured page (Chromium's every frame,
 * Firefox's every 16 ms): performance.now() once every card in the viewport is drawn and,
 * with Flagpost, badged with its findings done; else false. Cheap on purpose: it samples
 * the viewport with elementFromPoint instead of measuring every card. Its cost is the
 * bench's, which is why overlay.bench.ts takes script time from a pass of its own. No inner
 * functions: the page gets its source, and tsx would name them with a helper it lacks.
 */
export function viewportReadyInPage(ext: boolean): number | false {
  const first = document.querySelector('[data-e2e="recommend-list-item-container"]');
  if (!first) return false;
  const x = first.getBoundingClientRect().left + 20;
  const visible = new Set<Element>();
  for (let y = 5; y < innerHeight; y += 60) {
    const card = document
      .elementFromPoint(x, y)
      ?.closest('[data-e2e="recommend-list-item-container"]');
    if (card) visible.add(card);
  }
  if (visible.size === 0) return false;
  if (!ext) return performance.now();
  const root = document.querySelector('flagpost-overlay')?.shadowRoot;
  if (!root) return false;
  for (const card of visible) {
    const id = /\/video\/(\d+)/.exec(card.querySelector('a')?.getAttribute('href') ?? '')?.[1];
    const box = root.querySelector(`[data-item-box="${id}"]`) as HTMLElement | null;
    const overlay = box?.querySelector('[data-testid="item-overlay"]');
    if (!box || box.hidden || overlay?.getAttribute('data-findings') !== 'done') return false;
  }
  return performance.now();
}
