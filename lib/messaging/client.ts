/**
 * Sending side, for content scripts and extension pages: validates the request before it
 * leaves and the response when it arrives, and turns an error envelope into a thrown
 * MessageError so callers handle one kind of failure.
 */
import { browser } from 'wxt/browser';
import { MessageError } from './errors';
import {
  describeZodError,
  type MessageName,
  messageMap,
  type RequestOf,
  type ResponseOf,
  resultSchema,
} from './message-map';

export async function send<N extends MessageName>(
  name: N,
  request: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const spec = messageMap[name];
  const parsed = spec.request.safeParse(request);
  if (!parsed.success)
    throw new MessageError(
      'bad-request',
      `Invalid "${name}" request: ${describeZodError(parsed.error)}`,
    );
  const raw: unknown = await browser.runtime.sendMessage({
    flagpost: 1,
    name,
    request: parsed.data,
  });
  const result = resultSchema.safeParse(raw);
  if (!result.success) throw new MessageError('internal', `No valid answer to "${name}".`);
  if (!result.data.ok) throw new MessageError(result.data.error.code, result.data.error.message);
  const response = spec.response.safeParse(result.data.data);
  if (!response.success)
    throw new MessageError(
      'internal',
      `Invalid "${name}" response: ${describeZodError(response.error)}`,
    );
  return response.data as ResponseOf<N>;
}
