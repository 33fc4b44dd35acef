/** Handlers of lib/messaging/pack-messages.ts (extension pages only). */

import { loadSettings } from '@/lib/background/settings/settings';
import { readSecret } from '@/lib/background/store/secrets-repo';
import { fetchPolicyPack } from '@/lib/background/sync/policy-pack-fetch';
import type { packMessages } from '@/lib/messaging/pack-messages';
import type { Handlers } from '@/lib/messaging/router';
import { database } from './database';
import {
  type ActivationResult,
  activateCandidate,
  packStatus,
  restoreBundledPack,
  storedEtag,
} from './policy-engine';

/** Fetches the endpoint's pack and activates it if it is new and passes every check. */
export async function refreshPackFromEndpoint(): Promise<ActivationResult> {
  const settings = await loadSettings();
  const token = await readSecret(await database(), 'endpointToken');
  const failed = async (message: string): Promise<ActivationResult> => ({
    ok: false,
    errors: [{ path: '', message }],
    status: await packStatus(),
  });
  if (!settings.endpointUrl || !token) return failed('No governance endpoint is configured.');
  const fetched = await fetchPolicyPack(
    { endpointUrl: settings.endpointUrl, token },
    await storedEtag(),
  );
  if (fetched.kind === 'failed') return failed(fetched.reason);
  if (fetched.kind === 'unchanged')
    return {
      ok: true,
      status: await packStatus(),
      message: 'The endpoint’s pack is already active.',
      outcome: 'unchanged',
    };
  return activateCandidate(fetched.pack, 'endpoint', fetched.etag);
}

export function createPackHandlers(): Pick<Handlers, keyof typeof packMessages> {
  return {
    'pack.status': packStatus,
    async 'pack.import'({ text }) {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        return {
          ok: false,
          errors: [
            {
              path: '',
              message: `Not JSON: ${error instanceof Error ? error.message : String(error)}`,
            },
          ],
          status: await packStatus(),
        };
      }
      return activateCandidate(json, 'file');
    },
    'pack.refresh': refreshPackFromEndpoint,
    'pack.restoreBundled': restoreBundledPack,
  };
}
