/** Messages of the analyst's dashboard and of export / import (issue 7). */
import type { MessageSpec } from './message-spec';

export const dashboardMessages = {} as const satisfies Record<string, MessageSpec>;
