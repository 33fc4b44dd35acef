import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  parseStoredSettings,
  saveSettings,
} from '@/lib/settings/settings';

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
    expect(await loadSettings()).toEqual({ reviewerId: 'alice' });
    await expect(saveSettings({ reviewerId: 'bad id with spaces' })).rejects.toThrow();
    expect(await loadSettings()).toEqual({ reviewerId: 'alice' });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { reviewerId: 'alice' },
    });
  });
});
