/** Messages of the reviewer workspace and dashboard (issue 7): queue, bulk actions, export. */
import type { MessageSpec } from './message-spec';

export const workspaceMessages = {} as const satisfies Record<string, MessageSpec>;
