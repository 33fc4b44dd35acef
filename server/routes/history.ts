/** GET /v1/creators/{platform}/{creatorId}/history: what all reviewers know about a creator. */
import { type CreatorHistory, creatorRefSchema } from '@/lib/shared/protocol/history';
import type { Flag, Note } from '@/lib/shared/protocol/records';
import { parseWith } from '../http/body';
import type { Route } from '../http/router';
import { actionsAbout } from '../store/enforcement';
import { liveRecordsAbout } from '../store/records';

export const historyRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/creators/{platform}/{creatorId}/history',
    access: 'reviewer',
    async handle({ params, db }) {
      const creator = parseWith(creatorRefSchema, params, 'Invalid creator', 'params');
      const [records, enforcementActions] = await Promise.all([
        liveRecordsAbout(db, creator.platform, creator.creatorId),
        actionsAbout(db, creator.platform, creator.creatorId),
      ]);
      const history: CreatorHistory = {
        creator,
        // Bodies were parsed with these schemas on ingest and are stored as parsed.
        flags: records.filter((r) => r.type === 'flag').map((r) => r.body as Flag),
        notes: records.filter((r) => r.type === 'note').map((r) => r.body as Note),
        enforcementActions,
        generatedAt: new Date().toISOString(),
      };
      return { status: 200, body: history };
    },
  },
];
