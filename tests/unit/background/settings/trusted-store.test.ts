import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings } from '@/lib/background/settings/settings';
import { readDisabledSites } from '@/lib/background/settings/site-switch';
import {
  onTrustedChange,
  readTrusted,
  writeTrusted,
} from '@/lib/background/settings/trusted-store';
import { isPlatformHost, platformHostSchema } from '@/lib/shared/settings/platform-hosts';

describe('the trusted settings store', () => {
  it('moves settings out of storage.local once, and never the automation switch', async () => {
    // What an older version kept where content scripts could read and write it.
    await fakeBrowser.storage.local.set({
      settings: { reviewerId: 'alice', endpointUrl: 'https://gov.example.com' },
      disabledSites: ['example.com'],
      openOverlayForAutomation: true,
    });
    expect((await loadSettings()).endpointUrl).toBe('https://gov.example.com');
    expect(await readDisabledSites()).toEqual(['example.com']);
    expect(await readTrusted('openOverlayForAutomation')).toBeUndefined();
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // A later write there (a content script's) is never read again.
    await fakeBrowser.storage.local.set({ settings: { endpointUrl: 'https://evil.example' } });
    expect((await loadSettings()).endpointUrl).toBe('https://gov.example.com');
  });

  it('tells listeners in this context which keys changed', async () => {
    const heard: string[][] = [];
    const stop = onTrustedChange((keys) => heard.push(keys));
    await writeTrusted({ disabledSites: ['a.example'] });
    stop();
    await writeTrusted({ disabledSites: [] });
    expect(heard).toEqual([['disabledSites']]);
  });
});

describe('platform hosts', () => {
  it('match exact names and, with *., subdomains only', () => {
    const hosts = ['shopvid.com', '*.shopvid.com'];
    expect(isPlatformHost('shopvid.com', hosts)).toBe(true);
    expect(isPlatformHost('WWW.ShopVid.com.', hosts)).toBe(true);
    expect(isPlatformHost('evilshopvid.com', hosts)).toBe(false);
    expect(isPlatformHost('shopvid.com.evil.example', hosts)).toBe(false);
    expect(isPlatformHost('127.0.0.1', ['*.0.0.1'])).toBe(true);
    expect(platformHostSchema.safeParse('https://shopvid.com').success).toBe(false);
    expect(platformHostSchema.safeParse('*.shopvid.com').success).toBe(true);
  });
});
