/** Handlers of lib/messaging/workspace-messages.ts: the side panel's queue and bulk actions. */

import { loadSettings } from '@/lib/background/settings/settings';
import {
  applyBulkAction,
  BulkTooLargeError,
  lastUndo,
  undoLastBulkAction,
} from '@/lib/background/store/bulk-actions';
import { systemClock } from '@/lib/background/store/clock';
import { queueCounts, queueFacets, queuePage } from '@/lib/background/store/queue-repo';
import { MessageError } from '@/lib/messaging/errors';
import type { Handlers } from '@/lib/messaging/router';
import type { workspaceMessages } from '@/lib/messaging/workspace-messages';
import { withSnapshotHash } from '@/lib/shared/evidence/snapshot-link';
import { database } from './database';
import type { SyncRunner } from './sync-runner';

async function author() {
  const { reviewerId } = await loadSettings();
  return { reviewer: reviewerId, clock: systemClock };
}

export function createWorkspaceHandlers(
  runner: SyncRunner,
): Pick<Handlers, keyof typeof workspaceMessages> {
  return {
    async 'queue.page'({ filter, after, offset, limit }) {
      const page = await queuePage(await database(), filter, { after, offset, limit });
      return { ...page, rows: page.rows.map(withSnapshotHash) };
    },
    async 'queue.counts'({ filter }) {
      return queueCounts(await database(), filter);
    },
    async 'queue.facets'() {
      return queueFacets(await database());
    },
    async 'queue.bulk'({ action, reason, selection }) {
      const db = await database();
      const result = await applyBulkAction(db, selection, action, reason, await author()).catch(
        (error: unknown) => {
          if (error instanceof BulkTooLargeError)
            throw new MessageError('bad-request', error.message);
          throw error;
        },
      );
      // "Sync now" means now; the others deliver their new revisions shortly.
      if (action === 'sync') void runner.request();
      else runner.soon();
      const undo = result.undoId ? await lastUndo(db) : undefined;
      return { affected: result.affected, ...(undo ? { undo } : {}) };
    },
    async 'queue.lastUndo'() {
      const undo = await lastUndo(await database());
      return undo ? { undo } : {};
    },
    async 'queue.undo'() {
      const result = await undoLastBulkAction(await database(), await author());
      if (!result) throw new MessageError('not-found', 'There is no bulk action to undo.');
      runner.soon();
      return result;
    },
  };
}
