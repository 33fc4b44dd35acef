/** What the panel shows beside the rows: counts, filter choices and the undoable action. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { policyTitles } from '@/components/policy-titles';
import type { PolicyOption } from '@/components/sidepanel/filter-bar';
import { send } from '@/lib/messaging/client';
import type { PolicyChoice } from '@/lib/messaging/message-map';
import type { QueueFilterView, UndoSummaryView } from '@/lib/messaging/workspace-messages';
import { readableId } from '@/lib/shared/policy/policy-name';

export interface Counts {
  matching: number;
  byStatus: Record<'suggested' | 'confirmed' | 'dismissed', number>;
}

export function usePanelData(
  filter: QueueFilterView,
  generation: number,
  onError: (error: unknown) => void,
) {
  const [counts, setCounts] = useState<Counts>();
  const [policies, setPolicies] = useState<PolicyOption[]>([]);
  const [choices, setChoices] = useState<PolicyChoice[]>([]);
  const [creatorKeys, setCreatorKeys] = useState<string[]>([]);
  const [undo, setUndo] = useState<UndoSummaryView>();

  useEffect(() => {
    let current = true;
    send('queue.counts', { filter })
      .then((next) => current && setCounts(next))
      .catch(onError);
    return () => {
      current = false;
    };
  }, [filter, generation, onError]);

  useEffect(() => {
    Promise.all([send('policy.choices', {}), send('queue.facets', {}), send('queue.lastUndo', {})])
      .then(([choices, facets, last]) => {
        // Known policies first, in their usual order (their number keys stay put), then any
        // other policy that has flags (e.g. from a loaded pack).
        const known = choices.policies.map(({ id, title }) => ({ id, title }));
        const others = facets.policyIds
          .filter((id) => !known.some((policy) => policy.id === id))
          .map((id) => ({ id, title: readableId(id) }));
        setPolicies([...known, ...others]);
        setChoices(choices.policies);
        setCreatorKeys(facets.creatorKeys);
        setUndo(last.undo);
      })
      .catch(onError);
  }, [generation, onError]);

  // Policy and rule names in the UI language for the rows and the detail (ids in words if none).
  const titles = useMemo(() => policyTitles(choices), [choices]);
  return { counts, policies, titles, creatorKeys, undo };
}
