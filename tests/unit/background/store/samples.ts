import type { StoredFlag, StoredItem, StoredNote } from '@/lib/background/store/db';
import { newUlid } from '@/lib/shared/protocol/ids';
import type { ItemRef } from '@/lib/shared/protocol/records';

export const ITEM: ItemRef = {
  platform: 'shopvid',
  kind: 'video',
  itemId: '7301234567890123456',
  url: 'https://shop.example/@lena.glow/video/7301234567890123456',
  creatorId: 'lena.glow',
  creatorHandle: 'lena.glow',
};

const NOW = '2026-11-01T08:00:00.000Z';

export const sampleFlag = (): StoredFlag => ({
  id: newUlid(),
  revision: 1,
  reviewer: 'alice',
  createdAt: NOW,
  updatedAt: NOW,
  deleted: false,
  item: ITEM,
  policyId: 'counterfeit-goods',
  policyVersion: 'manual-1',
  severity: 'high',
  source: 'manual',
  status: 'confirmed',
  evidence: [],
  note: 'replica bag',
  itemKey: 'shopvid:7301234567890123456',
  creatorKey: 'shopvid:lena.glow',
});

export const sampleNote = (): StoredNote => ({
  id: newUlid(),
  revision: 1,
  reviewer: 'alice',
  createdAt: NOW,
  updatedAt: NOW,
  deleted: false,
  target: { type: 'item', item: ITEM },
  text: 'asks buyers to DM',
  targetKey: 'shopvid:7301234567890123456',
  creatorKey: 'shopvid:lena.glow',
});

export const sampleItem = (): StoredItem => ({
  ...ITEM,
  key: 'shopvid:7301234567890123456',
  creatorKey: 'shopvid:lena.glow',
  lastSeenAt: NOW,
});
