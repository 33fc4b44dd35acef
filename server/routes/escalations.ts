/**
 * /v1/escalations: a reviewer creates (idempotent by id) and reads their own; a lead (a
 * lead or admin token) reads all, acknowledges and resolves. Every change is pushed on
 * /v1/escalations/events as a Server-Sent Event.
 */
import type { ServerResponse } from 'node:http';
import type { RecordedEnforcementAction } from '@/lib/shared/protocol/enforcement-feed';
import {
  type Escalation,
  type EscalationEvent,
  escalationCreateSchema,
  escalationStateSchema,
} from '@/lib/shared/protocol/escalations';
import { MAX_SMALL_BODY_BYTES } from '@/lib/shared/protocol/limits';
import { hasRole, type Principal } from '../auth/tokens';
import { publishEscalation, subscribeEnforcement, subscribeEscalations } from '../events';
import { parseWith, readJson } from '../http/body';
import { HttpError } from '../http/respond';
import type { RequestContext, Route } from '../http/router';
import {
  createEscalation,
  escalationById,
  knownCategory,
  listEscalations,
} from '../store/escalations';
import {
  acknowledgeAs,
  escalationIdParam,
  escalationNotFound,
  resolveAs,
} from './escalation-decisions';

const MAX_LIST = 500;
/** Comments on an idle stream, so proxies and the browser keep the connection open. */
const HEARTBEAT_MS = 15_000;

const principalOf = (ctx: RequestContext): Principal => {
  if (!ctx.principal) throw new HttpError(401, 'unauthorized', 'A bearer token is required.');
  return ctx.principal;
};

const canRead = (who: Principal, escalation: Escalation) =>
  hasRole(who.role, 'lead') || escalation.reviewer === who.reviewer;

function sameRequest(stored: Escalation, input: { flagId: string; category: string }): boolean {
  return stored.flagId === input.flagId && stored.category === input.category;
}

function streamEvents(ctx: RequestContext, who: Principal) {
  return (res: ServerResponse, draining: () => boolean) => {
    const send = (event: EscalationEvent) => {
      if (!canRead(who, event.escalation)) return;
      res.write(
        `id: ${event.escalation.id}\nevent: escalation\ndata: ${JSON.stringify(event)}\n\n`,
      );
    };
    // Enforcement actions go to every listener: each is part of its creator's history, which
    // any reviewer may read; the extension keeps those about creators it has seen.
    const sendAction = (action: RecordedEnforcementAction) => {
      res.write(`id: ${action.id}\nevent: enforcement\ndata: ${JSON.stringify(action)}\n\n`);
    };
    res.write(': connected\n\n');
    const unsubscribe = subscribeEscalations(ctx.db, send);
    const unsubscribeActions = subscribeEnforcement(ctx.db, sendAction);
    let beat = 0;
    const timer = setInterval(() => {
      if (draining()) return res.end();
      beat += 250;
      if (beat >= HEARTBEAT_MS) {
        beat = 0;
        res.write(': heartbeat\n\n');
      }
    }, 250);
    timer.unref();
    res.on('close', () => {
      clearInterval(timer);
      unsubscribe();
      unsubscribeActions();
    });
  };
}

export const escalationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/v1/escalations',
    access: 'reviewer',
    async handle(ctx) {
      const who = principalOf(ctx);
      const body = await readJson(ctx.req, MAX_SMALL_BODY_BYTES);
      const input = parseWith(escalationCreateSchema, body, 'Invalid escalation');
      if (!(await knownCategory(ctx.db, input.category))) {
        throw new HttpError(
          400,
          'validation_failed',
          `Escalation category ${input.category} has no SLA timers on this endpoint.`,
        );
      }
      const created = await createEscalation(ctx.db, who.reviewer, input);
      const stored = await escalationById(ctx.db, input.id);
      if (!stored) throw new Error(`escalation ${input.id} vanished after insert`);
      if (!created && (stored.reviewer !== who.reviewer || !sameRequest(stored, input))) {
        throw new HttpError(
          409,
          'conflict',
          `Escalation ${input.id} already exists with other content; a retry must resend the same escalation.`,
        );
      }
      if (created) publishEscalation(ctx.db, { change: 'created', escalation: stored });
      return { status: created ? 201 : 200, body: stored };
    },
  },
  {
    method: 'GET',
    path: '/v1/escalations',
    access: 'reviewer',
    async handle(ctx) {
      const who = principalOf(ctx);
      const stateParam = ctx.url.searchParams.get('state');
      const state = stateParam === null ? undefined : escalationStateSchema.safeParse(stateParam);
      if (state && !state.success) {
        throw new HttpError(
          400,
          'bad_request',
          `state must be one of open, acknowledged, resolved; got "${stateParam}".`,
        );
      }
      const escalations = await listEscalations(ctx.db, {
        state: state?.data,
        reviewer: hasRole(who.role, 'lead') ? undefined : who.reviewer,
        limit: MAX_LIST,
      });
      return { status: 200, body: { escalations } };
    },
  },
  // Before /{id}: the router takes the first route whose path matches.
  {
    method: 'GET',
    path: '/v1/escalations/events',
    access: 'reviewer',
    async handle(ctx) {
      const who = principalOf(ctx);
      return {
        status: 200,
        headers: {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          'X-Accel-Buffering': 'no',
        },
        stream: streamEvents(ctx, who),
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/escalations/{id}',
    access: 'reviewer',
    async handle(ctx) {
      const who = principalOf(ctx);
      const id = escalationIdParam(ctx);
      const escalation = await escalationById(ctx.db, id);
      if (!escalation || !canRead(who, escalation)) throw escalationNotFound(id);
      return { status: 200, body: escalation };
    },
  },
  {
    method: 'POST',
    path: '/v1/escalations/{id}/acknowledge',
    access: 'lead',
    handle: (ctx) => acknowledgeAs(ctx, principalOf(ctx).reviewer),
  },
  {
    method: 'POST',
    path: '/v1/escalations/{id}/resolve',
    access: 'lead',
    handle: (ctx) => resolveAs(ctx, principalOf(ctx).reviewer),
  },
];
