/** Handlers of lib/messaging/dashboard-messages.ts: dashboard figures, export, import. */

import { DEFAULT_SETTINGS, loadSettings } from '@/lib/background/settings/settings';
import { systemClock } from '@/lib/background/store/clock';
import { dashboardSummary } from '@/lib/background/store/dashboard-queries';
import { exportPage, importFile } from '@/lib/background/store/exchange-repo';
import type { dashboardMessages } from '@/lib/messaging/dashboard-messages';
import type { Handlers } from '@/lib/messaging/router';
import { database } from './database';
import type { SyncRunner } from './sync-runner';

/** Parts of files being uploaded, by upload id; an abandoned upload is dropped after a while. */
const uploads = new Map<string, { parts: (string | undefined)[]; touchedAt: number }>();
const ABANDONED_MS = 10 * 60_000;

function forgetAbandoned(now: number) {
  for (const [id, upload] of uploads) if (now - upload.touchedAt > ABANDONED_MS) uploads.delete(id);
}

export function createDashboardHandlers(
  runner: SyncRunner,
): Pick<Handlers, keyof typeof dashboardMessages> {
  return {
    async 'dashboard.summary'({ boundaries }) {
      return dashboardSummary(await database(), boundaries);
    },
    async 'exchange.exportPage'({ kind, after, limit }) {
      const { records, next } = await exportPage(await database(), kind, after, limit);
      return { kind, records, ...(next ? { next } : {}) } as never;
    },
    'exchange.upload'({ uploadId, index, count, text }) {
      const now = Date.now();
      forgetAbandoned(now);
      const upload = uploads.get(uploadId) ?? {
        parts: new Array(count).fill(undefined),
        touchedAt: now,
      };
      upload.parts[index] = text;
      upload.touchedAt = now;
      uploads.set(uploadId, upload);
      return { received: upload.parts.filter((p) => p !== undefined).length };
    },
    async 'exchange.import'({ uploadId }) {
      const upload = uploads.get(uploadId);
      uploads.delete(uploadId);
      if (!upload || upload.parts.some((p) => p === undefined)) return { status: 'incomplete' };
      const { reviewerId } = await loadSettings();
      const result = await importFile(await database(), upload.parts.join(''), {
        // Without a real reviewer id nothing imported counts as this reviewer's own.
        reviewer: reviewerId === DEFAULT_SETTINGS.reviewerId ? undefined : reviewerId,
        now: systemClock(),
      });
      if (result.status === 'imported' && result.report.queued > 0) runner.soon();
      return result;
    },
  };
}
