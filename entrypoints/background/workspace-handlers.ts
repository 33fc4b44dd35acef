/** Handlers of lib/messaging/workspace-messages.ts: the side panel's queue and bulk actions. */

import { createSortedPages } from '@/lib/background/risk-views/sorted-pages';
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
import { evidenceExcerpts } from '@/lib/shared/evidence/excerpts';
import { withSnapshotHash } from '@/lib/shared/evidence/snapshot-link';
import type { Evidence } from '@/lib/shared/protocol/records';
import { database } from './database';
import type { SyncRunner } from './sync-runner';

async function author() {
  const { reviewerId } = await loadSettings();
  return { reviewer: reviewerId, clock: systemClock };
}

/** A queue row: its snapshot's hash and the words its evidence matched (not the ranges). */
const asRow = <F extends { evidence: readonly Evidence[] }>(flag: F) => {
  const evidenceText = evidenceExcerpts(flag.evidence);
  const row = withSnapshotHash(flag);
  return evidenceText.length ? { ...row, evidenceText } : row;
};

export function createWorkspaceHandlers(
  runner: SyncRunner,
  /** Flags of creators not listed here were decided: the pages' risk chips ask again. */
  onDecided: () => void = () => {},
): Pick<Handlers, keyof typeof workspaceMessages> {
  const sortedPages = createSortedPages();
  return {
    async 'queue.page'({ filter, sort, order, after, offset, limit }) {
      const db = await database();
      if (sort !== undefined && sort !== 'newest') {
        const page = await sortedPages.page(
          db,
          { filter, sort, order, after, offset, limit },
          Date.now(),
        );
        return { ...page, rows: page.rows.map(asRow) };
      }
      const page = await queuePage(db, filter, { after, offset, limit });
      return { ...page, rows: page.rows.map(asRow) };
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
      else {
        runner.soon();
        if (result.affected > 0) onDecided();
      }
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
      onDecided();
      return result;
    },
  };
}
