/**
 * The background's side of messaging: validates the envelope and the request against the
 * message map, checks that the sender may send that message, then runs the handler and
 * validates its response. Anything wrong answers `{ok: false, error}` and runs no handler.
 */
import type { z } from 'zod';
import { MessageError } from './errors';
import {
  describeZodError,
  envelopeSchema,
  isMessageName,
  type MessageName,
  messageMap,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from './message-map';
import { classifySender, type SenderInfo, type SenderKind } from './sender';

export interface HandlerContext {
  sender: SenderInfo;
  senderKind: Exclude<SenderKind, 'foreign'>;
}

export type Handlers = {
  [N in MessageName]: (
    request: ParsedRequestOf<N>,
    context: HandlerContext,
  ) => Promise<ResponseOf<N>> | ResponseOf<N>;
};

const fail = (code: MessageError['code'], message: string): Result => ({
  ok: false,
  error: { code, message },
});

export function createRouter(handlers: Handlers, identity: { id: string; origin: string }) {
  return async function route(raw: unknown, sender: SenderInfo): Promise<Result> {
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success) return fail('bad-request', 'Not a Flagpost message.');
    const { name } = envelope.data;
    if (!isMessageName(name)) return fail('unknown-message', `Unknown message "${name}".`);

    const senderKind = classifySender(sender, identity.id, identity.origin);
    if (senderKind === 'foreign')
      return fail('forbidden', 'Messages from outside Flagpost are refused.');
    const spec = messageMap[name];
    if (spec.from === 'extension' && senderKind !== 'extension-page')
      return fail('forbidden', `"${name}" may only be sent from Flagpost's own pages.`);

    const request = spec.request.safeParse(envelope.data.request);
    if (!request.success)
      return fail('bad-request', `Invalid "${name}" request: ${describeZodError(request.error)}`);

    try {
      const handler = handlers[name] as (r: unknown, c: HandlerContext) => Promise<unknown>;
      const data = await handler(request.data, { sender, senderKind });
      const response = (spec.response as z.ZodType).safeParse(data);
      if (!response.success)
        return fail('internal', `Invalid "${name}" response: ${describeZodError(response.error)}`);
      return { ok: true, data: response.data };
    } catch (error) {
      if (error instanceof MessageError) return fail(error.code, error.message);
      return fail('internal', error instanceof Error ? error.message : String(error));
    }
  };
}
