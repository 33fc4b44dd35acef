/**
 * Evidence capture in the service worker: the visible tab of the window the asking content
 * script runs in, cropped to the item, hashed (SHA-256) and stored content-addressed within
 * the reviewer's quota. The tab comes from the message's sender, never from the message, and
 * only the active tab is captured (what the reviewer is looking at). Every refusal is a
 * reason in words; the flag is kept either way.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { loadSettings } from '@/lib/background/settings/settings';
import type { FlagpostDb } from '@/lib/background/store/db';
import { putEvidence } from '@/lib/background/store/evidence-repo';
import { t } from '@/lib/i18n/translate';
import type { SnapshotOutcome } from '@/lib/messaging/evidence-messages';
import type { SenderInfo } from '@/lib/messaging/sender';
import { captureScale, cropRect } from '@/lib/shared/evidence/crop';
import { checkQuota, formatMb, MB } from '@/lib/shared/evidence/quota';

const senderTabSchema = z.object({ windowId: z.int(), active: z.boolean() });

export interface SnapshotArea {
  rect: { x: number; y: number; width: number; height: number };
  devicePixelRatio: number;
  viewportWidth?: number | undefined;
}

export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The item's part of a captured PNG (data URL), as a PNG blob; undefined when off screen. */
async function cropToItem(dataUrl: string, area: SnapshotArea): Promise<Blob | undefined> {
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  try {
    const scale = captureScale(bitmap.width, area.devicePixelRatio, area.viewportWidth);
    const crop = cropRect(area.rect, scale, bitmap);
    if (!crop) return undefined;
    const canvas = new OffscreenCanvas(crop.sw, crop.sh);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas in this browser');
    context.drawImage(bitmap, crop.sx, crop.sy, crop.sw, crop.sh, 0, 0, crop.sw, crop.sh);
    return await canvas.convertToBlob({ type: 'image/png' });
  } finally {
    bitmap.close();
  }
}

const refused = (reason: string): SnapshotOutcome => ({ kept: false, reason });

export async function captureSnapshot(
  db: FlagpostDb,
  sender: SenderInfo,
  area: SnapshotArea,
  now: string,
): Promise<SnapshotOutcome> {
  const tab = senderTabSchema.safeParse(sender.tab);
  if (!tab.success || !tab.data.active) return refused(t('evidenceNotActiveTab'));
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(tab.data.windowId, { format: 'png' });
  } catch (error) {
    return refused(
      t('evidenceCaptureRefused', error instanceof Error ? error.message : String(error)),
    );
  }
  const image = await cropToItem(dataUrl, area);
  if (!image) return refused(t('evidenceOffScreen'));
  const bytes = await image.arrayBuffer();
  const sha256 = await sha256Hex(bytes);
  const { evidenceQuotaMb } = await loadSettings();
  let over: { usedBytes: number; quotaBytes: number } | undefined;
  const stored = await putEvidence(
    db,
    { sha256, createdAt: now, mimeType: 'image/png', bytes: image, size: bytes.byteLength },
    (usedBytes) => {
      const check = checkQuota(usedBytes, bytes.byteLength, evidenceQuotaMb);
      if (!check.ok) over = check;
      return check.ok;
    },
  );
  if (stored === 'refused')
    return refused(
      t('evidenceQuotaFull', [
        formatMb(over?.usedBytes ?? 0),
        formatMb(over?.quotaBytes ?? evidenceQuotaMb * MB),
      ]),
    );
  return { kept: true, sha256 };
}
