/** Every adapter Flagpost knows, most specific first: the first that matches reads the page. */
import { platformVideoAdapter } from './platform-video';
import type { SiteAdapter } from './types';

export const ADAPTERS: readonly SiteAdapter[] = [platformVideoAdapter];

export function adapterFor(location: URL, doc: Document): SiteAdapter | undefined {
  return ADAPTERS.find((adapter) => adapter.matches(location, doc));
}
