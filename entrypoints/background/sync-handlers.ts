/** Message handlers for sync state, rejected records and settings (extension pages only). */

import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '@/lib/background/settings/settings';
import { adoptPlaceholderRecords } from '@/lib/background/store/adopt-records';
import { systemClock } from '@/lib/background/store/clock';
import { pendingCount } from '@/lib/background/store/outbox-repo';
import { readSecret, writeSecret } from '@/lib/background/store/secrets-repo';
import { countInState, queueRecords, rowsInState } from '@/lib/background/store/sync-states';
import { readSyncStatus } from '@/lib/background/store/sync-status-repo';
import { discardedRow, syncKey } from '@/lib/background/store/sync-transitions';
import { testConnection } from '@/lib/background/sync/test-connection';
import type { RejectedRecord, SettingsView, SyncStatusView } from '@/lib/messaging/message-map';
import type { Handlers } from '@/lib/messaging/router';
import { database } from './database';
import { type SyncRunner, schedulePeriodicSync } from './sync-runner';

type SyncHandlerNames =
  | 'sync.status'
  | 'sync.now'
  | 'sync.rejected'
  | 'sync.retry'
  | 'sync.discard'
  | 'settings.get'
  | 'settings.save'
  | 'settings.testConnection';

async function settingsView(): Promise<SettingsView> {
  const [settings, db] = await Promise.all([loadSettings(), database()]);
  return { ...settings, tokenSet: (await readSecret(db, 'endpointToken')) !== undefined };
}

export function createSyncHandlers(runner: SyncRunner): Pick<Handlers, SyncHandlerNames> {
  async function status(): Promise<SyncStatusView> {
    const db = await database();
    const [record, pending, rejected, settings, token] = await Promise.all([
      readSyncStatus(db),
      pendingCount(db),
      countInState(db, 'rejected'),
      loadSettings(),
      readSecret(db, 'endpointToken'),
    ]);
    const progress = runner.progress();
    const { failures: _failures, ...times } = record;
    return {
      ...times,
      configured: Boolean(settings.endpointUrl && token),
      running: runner.running(),
      ...(progress ? { progress } : {}),
      pending,
      rejected,
    };
  }

  async function setRejected(type: 'flag' | 'note', id: string, next: 'pending' | 'discarded') {
    const db = await database();
    await db.transaction('rw', db.syncStates, db.outbox, async () => {
      const row = await db.syncStates.get(syncKey(type, id));
      if (row?.syncState !== 'rejected') return;
      if (next === 'pending') await queueRecords(db, type, [row], systemClock());
      else await db.syncStates.put(discardedRow(row));
    });
  }

  return {
    'sync.status': status,
    async 'sync.now'() {
      void runner.request();
      return status();
    },
    async 'sync.rejected'() {
      const db = await database();
      // Oldest first, as the records' own order.
      const [flagRows, noteRows] = await Promise.all([
        rowsInState(db, 'flag', 'rejected').reverse().toArray(),
        rowsInState(db, 'note', 'rejected').reverse().toArray(),
      ]);
      const [flags, notes] = await Promise.all([
        db.flags.bulkGet(flagRows.map((row) => row.id)),
        db.notes.bulkGet(noteRows.map((row) => row.id)),
      ]);
      const records: RejectedRecord[] = [
        ...flagRows.flatMap((row, i) => {
          const f = flags[i];
          if (!f) return [];
          const handle = f.item.creatorHandle ? `@${f.item.creatorHandle} ` : '';
          return [
            {
              type: 'flag' as const,
              id: f.id,
              revision: f.revision,
              reason: row.syncError ?? 'rejected',
              summary: `${f.policyId} on ${handle}${f.item.itemId}`,
              ...(row.quarantined ? { quarantined: true } : {}),
            },
          ];
        }),
        ...noteRows.flatMap((row, i) => {
          const n = notes[i];
          if (!n) return [];
          return [
            {
              type: 'note' as const,
              id: n.id,
              revision: n.revision,
              reason: row.syncError ?? 'rejected',
              summary: n.text.slice(0, 80),
              ...(row.quarantined ? { quarantined: true } : {}),
            },
          ];
        }),
      ];
      return { records };
    },
    async 'sync.retry'({ type, id }) {
      await setRejected(type, id, 'pending');
      runner.soon();
      return status();
    },
    async 'sync.discard'({ type, id }) {
      await setRejected(type, id, 'discarded');
      return status();
    },
    'settings.get': settingsView,
    async 'settings.save'({ token, ...patch }) {
      const before = await loadSettings();
      const after = await saveSettings(patch);
      if (before.reviewerId === DEFAULT_SETTINGS.reviewerId)
        await adoptPlaceholderRecords(
          await database(),
          before.reviewerId,
          after.reviewerId,
          systemClock(),
        );
      if (token !== undefined) await writeSecret(await database(), 'endpointToken', token);
      await schedulePeriodicSync();
      runner.soon();
      return settingsView();
    },
    async 'settings.testConnection'() {
      const settings = await loadSettings();
      const token = await readSecret(await database(), 'endpointToken');
      const result = await testConnection(settings.endpointUrl, token);
      // A passing test shows the endpoint is back: a waiting retry goes now.
      if (result.ok) runner.endpointBack();
      return result;
    },
  };
}
