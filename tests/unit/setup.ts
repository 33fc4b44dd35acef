// Unit tests run in Node: fake-indexeddb gives Dexie an IndexedDB, WxtVitest's fakeBrowser
// gives browser.*; both are reset between tests so no test sees another's data.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
