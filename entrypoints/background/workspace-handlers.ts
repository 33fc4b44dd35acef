/** Handlers of lib/messaging/workspace-messages.ts. */
import type { Handlers } from '@/lib/messaging/router';
import type { workspaceMessages } from '@/lib/messaging/workspace-messages';
import type { SyncRunner } from './sync-runner';

export function createWorkspaceHandlers(
  _runner: SyncRunner,
): Pick<Handlers, keyof typeof workspaceMessages> {
  return {};
}
