import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadSiteAdapterSpecs,
  SITE_ADAPTERS_KEY,
} from '@/lib/background/settings/site-adapters-store';
import { writeTrusted } from '@/lib/background/settings/trusted-store';
import { messageMap } from '@/lib/messaging/message-map';
import { createDeclarativeAdapter } from '@/lib/page/sites/declarative';
import { fixture } from '../../page/sites/fixture';

// The background reads the organisation's adapters for page.setup (no DOM there) and the
// content script builds them from what it answers: both ends of that hand-over.
const file = JSON.parse(readFileSync('tests/fixtures/pages/console/adapters.json', 'utf8'));

describe('declarative adapters read by the background', () => {
  it('are validated specs the content script can build, and pass page.setup as a response', async () => {
    await writeTrusted({ [SITE_ADAPTERS_KEY]: file });
    const specs = await loadSiteAdapterSpecs();
    expect(specs.map((spec) => spec.id)).toEqual(file.adapters.map((a: { id: string }) => a.id));
    const response = messageMap['page.setup'].response.safeParse({
      enabled: true,
      policies: [],
      adapters: specs,
      messages: {},
      language: 'auto',
      overlayRoot: 'closed',
      platform: false,
    });
    expect(response.success).toBe(true);
    const { document, url } = fixture('console/review-queue.html', '/console/review-queue.html');
    const adapter = specs.map(createDeclarativeAdapter).find((a) => a.matches(url, document));
    expect(adapter?.findItems(document, url).length).toBeGreaterThan(0);
  });

  it('come back empty, never half-read, when storage holds a bad file', async () => {
    await writeTrusted({
      [SITE_ADAPTERS_KEY]: { adapters: [{ ...file.adapters[0], urlPatterns: ['not a pattern'] }] },
    });
    expect(await loadSiteAdapterSpecs()).toEqual([]);
    await writeTrusted({ [SITE_ADAPTERS_KEY]: 'garbage' });
    expect(await loadSiteAdapterSpecs()).toEqual([]);
  });

  it('accept the bare-array form the import accepts', async () => {
    await writeTrusted({ [SITE_ADAPTERS_KEY]: file.adapters });
    expect(await loadSiteAdapterSpecs()).toHaveLength(file.adapters.length);
  });
});
