/**
 * Every adapter Flagpost knows, most specific first: the first that matches reads the page.
 * Order: the platform's built-in adapters, then the organisation's declarative adapters
 * (its own consoles and marketplaces), then the generic structured-data reader, which
 * accepts any page and so must come last.
 */
import { genericStructuredDataAdapter } from './generic-structured-data';
import { platformFeedAdapter } from './platform-feed';
import { platformLiveAdapter } from './platform-live';
import { platformProductAdapter } from './platform-product';
import { platformProfileAdapter } from './platform-profile';
import { platformVideoAdapter } from './platform-video';
import type { SiteAdapter } from './types';

export const BUILT_IN_ADAPTERS: readonly SiteAdapter[] = [
  platformVideoAdapter,
  platformLiveAdapter,
  platformProductAdapter,
  platformProfileAdapter,
  platformFeedAdapter,
];

export const FALLBACK_ADAPTER: SiteAdapter = genericStructuredDataAdapter;

/**
 * The full chain with an organisation's declarative adapters in their place. The
 * platform's adapters only on the platform's own hosts (`platform`, from page.setup): they
 * file items as the platform's, under the creator ids the page shows, so on any other
 * site they would let that site raise any platform creator's risk.
 */
export function adapterChain(
  extra: readonly SiteAdapter[] = [],
  platform = true,
): readonly SiteAdapter[] {
  return [...(platform ? BUILT_IN_ADAPTERS : []), ...extra, FALLBACK_ADAPTER];
}

// Pure: the content script builds its own chain (page.setup's adapters), so its bundle drops
// this call at load rather than running it and throwing the result away (issue 20).
export const ADAPTERS: readonly SiteAdapter[] = /* @__PURE__ */ adapterChain();

/** Every adapter that understands the page, in order; an adapter that throws is skipped. */
export function adaptersFor(
  location: URL,
  doc: Document,
  extra: readonly SiteAdapter[] = [],
  platform = true,
): SiteAdapter[] {
  return adapterChain(extra, platform).filter((adapter) => {
    try {
      return adapter.matches(location, doc);
    } catch {
      return false;
    }
  });
}

export function adapterFor(
  location: URL,
  doc: Document,
  extra: readonly SiteAdapter[] = [],
  platform = true,
): SiteAdapter | undefined {
  return adaptersFor(location, doc, extra, platform)[0];
}
