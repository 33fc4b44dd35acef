/** Handlers of lib/messaging/evidence-messages.ts, and the snapshot step of flag.create. */

import { loadSettings } from '@/lib/background/settings/settings';
import { evidenceUsage, getEvidence } from '@/lib/background/store/evidence-repo';
import { MessageError } from '@/lib/messaging/errors';
import type { evidenceMessages, SnapshotOutcome } from '@/lib/messaging/evidence-messages';
import type { HandlerContext, Handlers } from '@/lib/messaging/router';
import { MB } from '@/lib/shared/evidence/quota';
import { type SnapshotFacts, snapshotEvidence } from '@/lib/shared/evidence/snapshot-link';
import type { Evidence, ItemRef } from '@/lib/shared/protocol/records';
import { database } from './database';
import { captureSnapshot, type SnapshotArea } from './evidence-capture';

type EvidenceHandlerNames = keyof typeof evidenceMessages;

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function createEvidenceHandlers(): Pick<Handlers, EvidenceHandlerNames> {
  return {
    async 'evidence.get'({ sha256 }) {
      const row = await getEvidence(await database(), sha256);
      if (!row) throw new MessageError('not-found', `No snapshot ${sha256} on this device.`);
      const bytes = new Uint8Array(await row.bytes.arrayBuffer());
      return {
        sha256,
        mimeType: row.mimeType,
        size: row.size,
        createdAt: row.createdAt,
        dataUrl: `data:${row.mimeType};base64,${base64Of(bytes)}`,
      };
    },
    async 'evidence.usage'() {
      const [{ count, usedBytes }, { evidenceQuotaMb }] = await Promise.all([
        database().then(evidenceUsage),
        loadSettings(),
      ]);
      return { count, usedBytes, quotaBytes: evidenceQuotaMb * MB };
    },
  };
}

export interface SnapshotAsk extends SnapshotArea {
  text: string;
  price?: string | undefined;
}

/**
 * flag.create's snapshot step: capture (when asked), then the evidence entries that link
 * the flag to the image and the page facts (see lib/shared/evidence/snapshot-link.ts).
 */
export async function snapshotForFlag(
  ask: SnapshotAsk | undefined,
  item: ItemRef,
  context: HandlerContext,
  now: string,
): Promise<{ evidence: Evidence[]; outcome?: SnapshotOutcome }> {
  if (!ask) return { evidence: [] };
  const outcome = await captureSnapshot(await database(), context.sender, ask, now);
  const facts: SnapshotFacts = { text: ask.text, price: ask.price, url: item.url, time: now };
  return { evidence: snapshotEvidence(outcome.kept ? outcome.sha256 : undefined, facts), outcome };
}
