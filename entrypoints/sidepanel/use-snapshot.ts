/** Loads a snapshot image from the local evidence store (evidence.get) for the side panel. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '@/lib/messaging/client';

export function useSnapshot(sha256: string | undefined) {
  const [state, setState] = useState<{
    sha256: string;
    image?: { dataUrl: string; createdAt: string };
    error?: string;
  }>();
  useEffect(() => {
    if (!sha256) return;
    let current = true;
    send('evidence.get', { sha256 }).then(
      (image) => current && setState({ sha256, image }),
      (error: unknown) =>
        current &&
        setState({ sha256, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [sha256]);
  return state?.sha256 === sha256 ? state : undefined;
}
