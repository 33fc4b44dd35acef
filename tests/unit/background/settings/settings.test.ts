import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  endpointUrlSchema,
  loadSettings,
  parseStoredSettings,
  saveSettings,
} from '@/lib/background/settings/settings';
import { readTrusted } from '@/lib/background/settings/trusted-store';
import { fallbackMarket } from '@/lib/shared/settings/default-market';

describe('settings', () => {
  it('falls back to the default for a corrupt field only', () => {
    expect(parseStoredSettings({ reviewerId: '<script>' })).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [expect.stringContaining('reviewerId')],
    });
    expect(parseStoredSettings('garbage').settings).toEqual(DEFAULT_SETTINGS);
  });

  it('saves a valid patch and refuses an invalid one without writing', async () => {
    await saveSettings({ reviewerId: 'alice' });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, reviewerId: 'alice' });
    await expect(saveSettings({ reviewerId: 'bad id with spaces' })).rejects.toThrow();
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, reviewerId: 'alice' });
    expect(await readTrusted('settings')).toEqual({ ...DEFAULT_SETTINGS, reviewerId: 'alice' });
  });
});

describe('the language setting', () => {
  it('follows the browser unless a shipped language is chosen; an unknown one changes nothing', async () => {
    // Settings stored before the choice existed keep working, in the browser's language.
    const { language: _, ...older } = DEFAULT_SETTINGS;
    expect(parseStoredSettings(older).settings.language).toBe('auto');
    await saveSettings({ reviewerId: 'alice', language: 'th' });
    expect((await loadSettings()).language).toBe('th');
    await expect(saveSettings({ language: 'klingon' as 'th' })).rejects.toThrow();
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      reviewerId: 'alice',
      language: 'th',
    });
    expect(parseStoredSettings({ language: 'xx' }).problems).toEqual([
      expect.stringContaining('language'),
    ]);
  });
});

describe('the default market setting', () => {
  it("is 'any' until chosen, takes one of the six markets and refuses anything else", async () => {
    // Settings stored before the choice existed assume no market.
    const { defaultMarket: _, ...older } = DEFAULT_SETTINGS;
    expect(parseStoredSettings(older).settings.defaultMarket).toBe('any');
    await saveSettings({ reviewerId: 'alice', defaultMarket: 'MY' });
    expect((await loadSettings()).defaultMarket).toBe('MY');
    await expect(saveSettings({ defaultMarket: 'EU' as 'MY' })).rejects.toThrow(/any.*SG, MY/);
    expect((await loadSettings()).defaultMarket).toBe('MY');
    expect(parseStoredSettings({ defaultMarket: 'my' }).problems).toEqual([
      expect.stringContaining('defaultMarket'),
    ]);
  });

  it('names no fallback market for any, and the chosen one otherwise', () => {
    expect(fallbackMarket('any')).toBeUndefined();
    expect(fallbackMarket('TH')).toBe('TH');
  });
});

describe('endpoint URL', () => {
  it('accepts https anywhere and http only on this machine', async () => {
    for (const ok of [
      'https://gov.example.com',
      'http://127.0.0.1:8787',
      'http://localhost:3000/',
      '',
    ])
      expect(endpointUrlSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of [
      'http://gov.example.com',
      'ftp://x.example',
      'gov.example.com',
      'https://u:p@gov.example.com',
    ])
      expect(endpointUrlSchema.safeParse(bad).success, bad).toBe(false);
    await expect(saveSettings({ endpointUrl: 'http://gov.example.com' })).rejects.toThrow(/https/);
  });
});
