/** Handlers of lib/messaging/dashboard-messages.ts. */
import type { dashboardMessages } from '@/lib/messaging/dashboard-messages';
import type { Handlers } from '@/lib/messaging/router';
import type { SyncRunner } from './sync-runner';

export function createDashboardHandlers(
  _runner: SyncRunner,
): Pick<Handlers, keyof typeof dashboardMessages> {
  return {};
}
