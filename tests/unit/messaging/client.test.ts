import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { send } from '@/lib/messaging/client';
import { MessageError } from '@/lib/messaging/errors';

// The client checks only the envelope (the background's router validates both ways): an
// answer is data, a known error, or "no valid answer", never a crash or an unknown code.
function answerWith(answer: unknown) {
  // fakeBrowser answers through sendResponse (as Chrome's callback form does).
  fakeBrowser.runtime.onMessage.addListener((_message, _sender, sendResponse) => {
    (sendResponse as (response: unknown) => void)(answer);
    return true;
  });
}

describe('send', () => {
  it('returns the data of an ok answer', async () => {
    answerWith({ ok: true, data: { policies: [] } });
    await expect(send('policy.choices', {})).resolves.toEqual({ policies: [] });
  });

  it('throws the error of a failed answer with its code', async () => {
    answerWith({ ok: false, error: { code: 'forbidden', message: 'no' } });
    const error = await send('policy.choices', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MessageError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'no' });
  });

  it('turns anything else into an internal error', async () => {
    for (const answer of [undefined, 'x', { ok: 'yes' }, { ok: false, error: 'no' }]) {
      fakeBrowser.reset();
      answerWith(answer);
      const error = await send('policy.choices', {}).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'internal' });
    }
    fakeBrowser.reset();
    answerWith({ ok: false, error: { code: 'made-up', message: 'm' } });
    await expect(send('policy.choices', {})).rejects.toMatchObject({
      code: 'internal',
      message: 'm',
    });
  });
});
