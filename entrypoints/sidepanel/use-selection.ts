/**
 * Bulk selection: explicit ids (click, x, shift-click ranges) or "every flag matching the
 * filter", which travels to the background as the filter itself, never as 50,000 ids.
 */
import { useCallback, useState } from 'preact/hooks';

export interface Selection {
  all: boolean;
  ids: ReadonlySet<string>;
  anchor: number;
}

const EMPTY: Selection = { all: false, ids: new Set(), anchor: -1 };

export function useSelection() {
  const [selection, setSelection] = useState<Selection>(EMPTY);

  const toggle = useCallback((id: string, index: number) => {
    setSelection((current) => {
      const ids = new Set(current.ids);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      return { all: false, ids, anchor: index };
    });
  }, []);

  const selectRange = useCallback((rangeIds: readonly string[], index: number) => {
    setSelection((current) => ({
      all: false,
      ids: new Set([...current.ids, ...rangeIds]),
      anchor: index,
    }));
  }, []);

  const selectAll = useCallback(() => setSelection({ all: true, ids: new Set(), anchor: -1 }), []);
  const clear = useCallback(() => setSelection(EMPTY), []);
  const isSelected = useCallback(
    (id: string) => selection.all || selection.ids.has(id),
    [selection],
  );

  return { selection, toggle, selectRange, selectAll, clear, isSelected };
}
