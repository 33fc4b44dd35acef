/** Messages of creator risk history (issue 6): chips, the creator panel, creator notes. */
import type { MessageSpec } from './message-spec';

export const riskMessages = {} as const satisfies Record<string, MessageSpec>;
