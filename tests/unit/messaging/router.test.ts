import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlagpostDb } from '@/lib/background/store/db';
import { countLiveFlags, createFlag } from '@/lib/background/store/flags-repo';
import { messageMap } from '@/lib/messaging/message-map';
import { createRouter, type Handlers } from '@/lib/messaging/router';
import { ITEM } from '../background/store/samples';

const identity = { id: 'flagpost-id', origin: 'chrome-extension://flagpost-id/' };
const fromPopup = { id: 'flagpost-id', url: 'chrome-extension://flagpost-id/popup.html' };
const fromContent = { id: 'flagpost-id', url: 'https://shop.example/@a/video/1', tab: { id: 3 } };
const fromOtherExtension = { id: 'evil-id', url: 'chrome-extension://evil-id/x.html' };

let db: FlagpostDb;
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-router-${Math.random()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

function routerWithRealStore() {
  const author = { reviewer: 'alice', clock: () => new Date().toISOString() };
  const unused = () => {
    throw new Error('not used');
  };
  const others = Object.fromEntries(Object.keys(messageMap).map((name) => [name, unused]));
  const used: Pick<Handlers, 'item.state' | 'policy.choices' | 'flag.create' | 'stats.get'> = {
    'item.state': async () => ({ flags: [], notes: [] }),
    'policy.choices': () => ({ policies: [] }),
    'flag.create': (request) => createFlag(db, { ...request, policyVersion: 'manual-1' }, author),
    'stats.get': async () => ({ flags: await countLiveFlags(db), notes: 0, items: 0, creators: 0 }),
  };
  // Messages this test does not exercise throw if reached.
  return createRouter({ ...others, ...used } as unknown as Handlers, identity);
}

const message = (name: string, request: unknown) => ({ flagpost: 1, name, request });
const validFlag = { item: ITEM, policyId: 'counterfeit-goods', severity: 'high' };

describe('message router', () => {
  it('runs a valid request and validates the answer against the map', async () => {
    const route = routerWithRealStore();
    const result = await route(message('flag.create', validFlag), fromContent);
    expect(result).toMatchObject({
      ok: true,
      data: { policyId: 'counterfeit-goods', source: 'manual', status: 'confirmed', revision: 1 },
    });
    expect(await countLiveFlags(db)).toBe(1);
  });

  it('refuses anything that is not a Flagpost envelope', async () => {
    const route = routerWithRealStore();
    for (const raw of [
      null,
      'flag',
      42,
      { name: 'flag.create' },
      { flagpost: 2, name: 'x', request: {} },
    ])
      expect(await route(raw, fromPopup)).toEqual({
        ok: false,
        error: { code: 'bad-request', message: 'Not a Flagpost message.' },
      });
  });

  it('names every invalid field and writes nothing', async () => {
    const route = routerWithRealStore();
    const result = await route(
      message('flag.create', {
        ...validFlag,
        severity: 'extreme',
        item: { ...ITEM, url: 'javascript:alert(1)' },
      }),
      fromContent,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toMatch(/item\.url: must be an http\(s\) URL/);
    expect(result.error.message).toMatch(/severity/);
    expect(await countLiveFlags(db)).toBe(0);
  });

  it('refuses unknown messages and messages from other extensions', async () => {
    const route = routerWithRealStore();
    expect(await route(message('flags.wipe', {}), fromPopup)).toMatchObject({
      ok: false,
      error: { code: 'unknown-message' },
    });
    expect(await route(message('flag.create', validFlag), fromOtherExtension)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await countLiveFlags(db)).toBe(0);
  });

  it('keeps extension-only messages away from content scripts', async () => {
    const route = routerWithRealStore();
    expect(await route(message('stats.get', {}), fromContent)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await route(message('stats.get', {}), fromPopup)).toMatchObject({ ok: true });
  });

  it('treats a content script that claims an extension URL in its message as a content script', async () => {
    const route = routerWithRealStore();
    const spoof = { ...message('stats.get', {}), sender: fromPopup, url: fromPopup.url };
    expect(await route(spoof, fromContent)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('reports a handler failure as an error answer, not a crash', async () => {
    const route = routerWithRealStore();
    const result = await route(
      message('note.create', { target: { type: 'item', item: ITEM }, text: 'x' }),
      fromContent,
    );
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'not used' } });
  });
});
