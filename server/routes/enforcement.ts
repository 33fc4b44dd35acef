/** POST /v1/enforcement-actions: the governance system records what it did to a creator. */
import { enforcementActionSchema } from '@/lib/shared/protocol/history';
import { MAX_SMALL_BODY_BYTES } from '@/lib/shared/protocol/limits';
import { publishEnforcement } from '../events';
import { parseWith, readJson } from '../http/body';
import type { Route } from '../http/router';
import { actionById, recordAction } from '../store/enforcement';
import { recordedActionById } from '../store/enforcement-feed';
import { enforcementFeedRoutes } from './enforcement-feed';

export const enforcementRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/enforcement-actions',
    access: 'admin',
    async handle({ req, db }) {
      const body = await readJson(req, MAX_SMALL_BODY_BYTES);
      const action = parseWith(enforcementActionSchema, body, 'Invalid enforcement action');
      const created = await recordAction(db, action);
      // Pushed to every open extension: the creator's risk and page show it at once.
      const recorded = created ? await recordedActionById(db, action.id) : undefined;
      if (recorded) publishEnforcement(db, recorded);
      return { status: created ? 201 : 200, body: (await actionById(db, action.id)) ?? action };
    },
  },
  // GET /v1/enforcement-actions?since=: the catch-up read after an event stream drops.
  ...enforcementFeedRoutes,
];
