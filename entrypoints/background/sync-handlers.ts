/** Message handlers for sync state, rejected records and settings (extension pages only). */
import type { RejectedRecord, SettingsView, SyncStatusView } from '@/lib/messaging/message-map';
import type { Handlers } from '@/lib/messaging/router';
import { DEFAULT_SETTINGS, loadSettings, saveSettings } from '@/lib/settings/settings';
import { adoptPlaceholderRecords } from '@/lib/store/adopt-records';
import { systemClock } from '@/lib/store/clock';
import type { FlagpostDb } from '@/lib/store/db';
import { enqueue, pendingCount } from '@/lib/store/outbox-repo';
import { readSecret, writeSecret } from '@/lib/store/secrets-repo';
import { readSyncStatus } from '@/lib/sync/sync-status';
import { testConnection } from '@/lib/sync/test-connection';
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

async function rejectedCount(db: FlagpostDb) {
  const [flags, notes] = await Promise.all([
    db.flags.where('syncState').equals('rejected').count(),
    db.notes.where('syncState').equals('rejected').count(),
  ]);
  return flags + notes;
}

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
      rejectedCount(db),
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
    const table = type === 'flag' ? db.flags : db.notes;
    await db.transaction('rw', db.flags, db.notes, db.outbox, async () => {
      const record = await table.get(id);
      if (record?.syncState !== 'rejected') return;
      await table.update(id, { syncState: next });
      if (next === 'pending') await enqueue(db, type, id, systemClock());
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
      const [flags, notes] = await Promise.all([
        db.flags.where('syncState').equals('rejected').toArray(),
        db.notes.where('syncState').equals('rejected').toArray(),
      ]);
      const records: RejectedRecord[] = [
        ...flags.map((f) => ({
          type: 'flag' as const,
          id: f.id,
          revision: f.revision,
          reason: f.syncError ?? 'rejected',
          summary: `${f.policyId} on ${f.item.creatorHandle ? `@${f.item.creatorHandle} ` : ''}${f.item.itemId}`,
        })),
        ...notes.map((n) => ({
          type: 'note' as const,
          id: n.id,
          revision: n.revision,
          reason: n.syncError ?? 'rejected',
          summary: n.text.slice(0, 80),
        })),
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
      return testConnection(settings.endpointUrl, token);
    },
  };
}
