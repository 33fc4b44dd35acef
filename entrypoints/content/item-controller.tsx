/**
 * Connects one item's overlay to the background: loads what is stored about the item,
 * and records the reviewer's flags and notes. All storage happens in the background.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ItemOverlay } from '@/components/overlay/item-overlay';
import { send } from '@/lib/messaging/client';
import type { ItemState, PolicyChoice } from '@/lib/messaging/message-map';
import type { Creator, ItemRef } from '@/lib/protocol/records';

export interface ItemControllerProps {
  item: ItemRef;
  creator: Creator | undefined;
  policies: PolicyChoice[];
}

export function ItemController({ item, creator, policies }: ItemControllerProps) {
  const [state, setState] = useState<ItemState>({ flags: [], notes: [] });
  const [error, setError] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setState(await send('item.state', { item, ...(creator ? { creator } : {}) }));
      setError(undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [item, creator]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <ItemOverlay
      itemId={item.itemId}
      flags={state.flags}
      notes={state.notes}
      policies={policies}
      {...(error ? { error } : {})}
      onFlag={(draft) => run(() => send('flag.create', { item, ...draft }))}
      onNote={(text) => run(() => send('note.create', { target: { type: 'item', item }, text }))}
      onOpen={() => void reload()}
    />
  );
}
