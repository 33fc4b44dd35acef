/**
 * A decision made here on a creator's flag redraws that creator's risk chip on the pages that
 * show it: the background (real handlers through the router, fakeBrowser, fake-indexeddb)
 * sends those tabs `risk-changed`, as it does when the creator's history arrives. A tab that
 * shows another creator is not told.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  createEscalationService,
  type EscalationService,
} from '@/entrypoints/background/escalations';
import { createHandlers, identity } from '@/entrypoints/background/handlers';
import { createSyncRunner } from '@/entrypoints/background/sync-runner';
import { createRouter } from '@/lib/messaging/router';
import { riskChanged } from '@/lib/messaging/tab-commands';
import { ITEM } from '../store/samples';

const LENA_TAB = 7;
const OTHER_TAB = 8;
let escalations: EscalationService;
let told: { tabId: number; message: unknown }[];
let route: ReturnType<typeof createRouter>;

beforeEach(() => {
  told = [];
  fakeBrowser.tabs.sendMessage = (async (tabId: number, message: unknown) => {
    told.push({ tabId, message });
  }) as never;
  escalations = createEscalationService();
  route = createRouter(createHandlers(createSyncRunner(), escalations), identity());
});
afterEach(() => escalations.stop());

const fromTab = (tabId: number) => ({
  id: fakeBrowser.runtime.id,
  url: ITEM.url,
  tab: { id: tabId },
});

async function send(name: string, request: unknown, tabId: number) {
  const result = (await route({ flagpost: 1, name, request }, fromTab(tabId))) as {
    ok: boolean;
    data?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
  return result.data as Record<string, unknown>;
}

/** The tabs told `risk-changed` once the batching delay has passed. */
async function tabsTold(): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, 400));
  const tabs = told.filter((t) => JSON.stringify(t.message) === JSON.stringify(riskChanged));
  told = [];
  return tabs.map((t) => t.tabId).sort();
}

describe('local decisions redraw the creator risk chip', () => {
  it('tells the tabs showing that creator on create, confirm, dismiss and delete', async () => {
    await send(
      'creators.risk',
      { creators: [{ platform: 'shopvid', creatorId: 'lena.glow' }] },
      LENA_TAB,
    );
    await send(
      'creators.risk',
      { creators: [{ platform: 'shopvid', creatorId: 'someone.else' }] },
      OTHER_TAB,
    );
    await tabsTold(); // no endpoint: nothing pending, nothing said yet

    const flag = await send(
      'flag.create',
      {
        item: ITEM,
        policyId: 'counterfeit-goods',
        severity: 'high',
        evidence: [],
        status: 'suggested',
      },
      LENA_TAB,
    );
    expect(await tabsTold()).toEqual([LENA_TAB]);

    await send('flag.update', { id: flag.id, status: 'confirmed' }, LENA_TAB);
    expect(await tabsTold()).toEqual([LENA_TAB]);

    await send('flag.update', { id: flag.id, status: 'dismissed' }, LENA_TAB);
    expect(await tabsTold()).toEqual([LENA_TAB]);

    await send('flag.delete', { id: flag.id }, LENA_TAB);
    expect(await tabsTold()).toEqual([LENA_TAB]);
  });

  it('counts the decision when the tab asks again', async () => {
    const lena = { platform: 'shopvid', creatorId: 'lena.glow' };
    const before = await send('creators.risk', { creators: [lena] }, LENA_TAB);
    expect((before.risks as { state?: string }[])[0]?.state).toBe('unknown');
    await send(
      'flag.create',
      { item: ITEM, policyId: 'counterfeit-goods', severity: 'critical', evidence: [] },
      LENA_TAB,
    );
    expect(await tabsTold()).toEqual([LENA_TAB]);
    const after = await send('creators.risk', { creators: [lena] }, LENA_TAB);
    const risk = (after.risks as { state?: string; score: number }[])[0];
    expect(risk?.state).not.toBe('unknown');
    expect(risk?.score).toBeGreaterThan(0);
  });

  it('tells no tab of a creator no tab shows, and forgets a closed tab', async () => {
    await send(
      'creators.risk',
      { creators: [{ platform: 'shopvid', creatorId: 'someone.else' }] },
      OTHER_TAB,
    );
    await send(
      'flag.create',
      { item: ITEM, policyId: 'counterfeit-goods', severity: 'high', evidence: [] },
      OTHER_TAB,
    );
    expect(await tabsTold()).toEqual([]);

    await send(
      'creators.risk',
      { creators: [{ platform: 'shopvid', creatorId: 'lena.glow' }] },
      LENA_TAB,
    );
    await fakeBrowser.tabs.onRemoved.trigger(LENA_TAB, { windowId: 1, isWindowClosing: false });
    await send(
      'flag.create',
      { item: ITEM, policyId: 'counterfeit-goods', severity: 'high', evidence: [] },
      OTHER_TAB,
    );
    expect(await tabsTold()).toEqual([]);
  });
});
