/** The reviewer's escalations with their receipts, refreshed while the side panel is open. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { send } from '@/lib/messaging/client';
import type { EscalationStatus } from '@/lib/messaging/escalation-messages';

const POLL_MS = 2_000;

export function useEscalations() {
  const [status, setStatus] = useState<EscalationStatus>();
  const refresh = useCallback(
    () =>
      send('escalation.status', {}).then(setStatus, (error: unknown) =>
        console.warn('Flagpost escalations:', error),
      ),
    [],
  );
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return { status, refresh };
}
