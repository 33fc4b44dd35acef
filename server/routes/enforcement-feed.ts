/**
 * GET /v1/enforcement-actions?since=ISO: enforcement actions recorded since a time, oldest
 * first. Any reviewer may read them: each is already part of its creator's history
 * (GET /v1/creators/.../history). An extension reads it after its event stream was down.
 */
import { type EnforcementFeed, MAX_ENFORCEMENT_FEED } from '@/lib/shared/protocol/enforcement-feed';
import { isoTimeSchema } from '@/lib/shared/protocol/records';
import { HttpError } from '../http/respond';
import type { Route } from '../http/router';
import { actionsRecordedSince } from '../store/enforcement-feed';

export const enforcementFeedRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/enforcement-actions',
    access: 'reviewer',
    async handle({ url, db }) {
      const sinceParam = url.searchParams.get('since');
      let since: string | undefined;
      if (sinceParam !== null) {
        const parsed = isoTimeSchema.safeParse(sinceParam);
        if (!parsed.success) {
          throw new HttpError(
            400,
            'bad_request',
            `since must be an ISO 8601 time such as 2026-01-31T12:00:00.000Z; got "${sinceParam.slice(0, 64)}".`,
          );
        }
        since = parsed.data;
      }
      const body: EnforcementFeed = await actionsRecordedSince(db, since, MAX_ENFORCEMENT_FEED);
      return { status: 200, body };
    },
  },
];
