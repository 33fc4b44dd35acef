/** Handlers of lib/messaging/risk-messages.ts. */

import type { riskMessages } from '@/lib/messaging/risk-messages';
import type { Handlers } from '@/lib/messaging/router';
import type { SyncRunner } from './sync-runner';

export function createRiskHandlers(_runner: SyncRunner): Pick<Handlers, keyof typeof riskMessages> {
  return {};
}
