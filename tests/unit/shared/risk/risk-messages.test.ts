/** The risk messages' privilege and validation, through the real router. */
import { describe, expect, it } from 'vitest';
import { messageMap } from '@/lib/messaging/message-map';
import { createRouter, type Handlers } from '@/lib/messaging/router';

const identity = { id: 'flagpost-id', origin: 'chrome-extension://flagpost-id/' };
const fromPanel = { id: 'flagpost-id', url: 'chrome-extension://flagpost-id/creator.html' };
const fromContent = { id: 'flagpost-id', url: 'https://shop.example/feed', tab: { id: 1 } };
const message = (name: string, request: unknown) => ({ flagpost: 1, name, request });

const router = () => {
  const answer = () => ({ risks: [] });
  const all = Object.fromEntries(Object.keys(messageMap).map((name) => [name, answer]));
  return createRouter(all as unknown as Handlers, identity);
};

describe('risk messages', () => {
  it('keeps other reviewers notes (creator.history) and note edits away from content scripts', async () => {
    const route = router();
    const ref = { platform: 'shopvid', creatorId: 'lena.glow' };
    for (const [name, request] of [
      ['creator.history', { creator: ref }],
      ['creator.note.create', { creator: ref, text: 'x' }],
      ['creator.note.delete', { id: '01JAAAAAAAAAAAAAAAAAAAAAAA' }],
    ] as const)
      expect(await route(message(name, request), fromContent)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    expect(await route(message('creators.risk', { creators: [ref] }), fromContent)).toEqual({
      ok: true,
      data: { risks: [] },
    });
    expect(await route(message('creators.risk', { creators: [ref] }), fromPanel)).toMatchObject({
      ok: true,
    });
  });

  it('refuses more than 500 creators in one batch and malformed refs', async () => {
    const route = router();
    const many = Array.from({ length: 501 }, (_, i) => ({
      platform: 'shopvid',
      creatorId: `c${i}`,
    }));
    expect(await route(message('creators.risk', { creators: many }), fromContent)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    const bad = [{ platform: 'Shop Vid', creatorId: '' }];
    expect(await route(message('creators.risk', { creators: bad }), fromContent)).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});
