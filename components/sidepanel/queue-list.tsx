/**
 * The queue as a virtualised listbox: rows have a fixed height and only those in view (plus
 * a few either side) are in the DOM, so 50,000 flags scroll as smoothly as 50. The active row
 * is announced through aria-activedescendant; selection is aria-selected. The first nine
 * rows in view carry the number key that picks them (as 1–9 pick findings in the card).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { QueueRow } from '@/lib/messaging/workspace-messages';

/** Four lines: policy and state, the item's title (two lines), the evidence and who. */
export const ROW_HEIGHT = 104;
const NUMBER_KEYS = 9;
const OVERSCAN = 6;

export interface QueueListProps {
  total: number;
  rowAt(index: number): QueueRow | undefined;
  activeIndex: number;
  isSelected(row: QueueRow): boolean;
  renderRow(row: QueueRow): ComponentChildren;
  onVisibleRange(first: number, last: number): void;
  /** The index of the first row wholly in view: number key 1 picks it. */
  onViewStart?(index: number): void;
  onActivate(index: number): void;
  onToggle(index: number, range: boolean): void;
}

export const rowElementId = (row: QueueRow) => `queue-row-${row.id}`;

export function QueueList(props: QueueListProps) {
  const t = useT();
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const { total, activeIndex, onVisibleRange } = props;

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) return;
    setHeight(element.clientHeight);
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Keep the active row in view when the keyboard moves it.
  useEffect(() => {
    const element = viewport.current;
    if (!element || activeIndex < 0) return;
    const top = activeIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [activeIndex]);

  const viewStart = Math.min(Math.max(0, total - 1), Math.ceil(scrollTop / ROW_HEIGHT));
  const { onViewStart } = props;
  useEffect(() => onViewStart?.(viewStart), [viewStart, onViewStart]);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  // Also when the rows change (a new filter starts over): the range may need loading again.
  useEffect(() => onVisibleRange(first, last), [first, last, onVisibleRange, props.rowAt]);

  const active = props.rowAt(activeIndex);
  const rows: ComponentChildren[] = [];
  for (let index = first; index <= last; index++) {
    const row = props.rowAt(index);
    const key = index - viewStart + 1;
    const style = { top: `${index * ROW_HEIGHT}px`, height: `${ROW_HEIGHT}px` };
    rows.push(
      row ? (
        // The listbox holds focus and points at the active option (aria-activedescendant);
        // options are not tab stops, and the panel's keys act on the active one.
        // biome-ignore lint/a11y/useFocusableInteractive: active-descendant pattern, see above.
        // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled for the whole panel.
        <div
          key={row.id}
          id={rowElementId(row)}
          role="option"
          class={`queue-row${index === activeIndex ? ' active' : ''}`}
          style={style}
          aria-selected={props.isSelected(row)}
          aria-posinset={index + 1}
          aria-setsize={total}
          data-testid="queue-row"
          data-index={index}
          onClick={(event) => {
            props.onActivate(index);
            props.onToggle(index, event.shiftKey);
          }}
        >
          <span class="row-key" aria-hidden="true">
            {key >= 1 && key <= NUMBER_KEYS ? key : ''}
          </span>
          {props.renderRow(row)}
        </div>
      ) : (
        <div key={`loading-${index}`} role="none" class="queue-row loading" style={style}>
          {t('spRowLoading')}
        </div>
      ),
    );
  }

  return (
    <div
      ref={viewport}
      class="queue-list"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('spQueueLabel')}
      aria-activedescendant={active ? rowElementId(active) : undefined}
      tabIndex={0}
      data-testid="queue-list"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div role="none" class="queue-sizer" style={{ height: `${total * ROW_HEIGHT}px` }} />
      {rows}
    </div>
  );
}
