import type { z } from 'zod';

/** One entry of the message map (see message-map.ts for what `from` means). */
export interface MessageSpec {
  from: 'content' | 'extension';
  request: z.ZodType;
  response: z.ZodType;
}
