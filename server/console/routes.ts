/**
 * The governance console at /console: its page and assets (public: they hold no data), and
 * its API under /console/api, where every route but sign-in needs a live session cookie of
 * a lead or admin (401 otherwise, and the page shows the sign-in form). Sign-in takes a lead
 * or admin bearer token (through the pipeline's authentication and its failure limits) and
 * answers with the session cookie; a reviewer token is refused (403).
 *
 * CSRF: the cookie is SameSite=Strict, and every mutating route also requires the
 * `X-Flagpost-Console: 1` header (which a cross-site form cannot send, and a cross-site
 * fetch cannot send without a CORS preflight this origin never grants) and, when the browser
 * sends an Origin, that it is this endpoint's own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { EscalationEvent } from '@/lib/shared/protocol/escalations';
import { creatorRefSchema, enforcementActionKindSchema } from '@/lib/shared/protocol/history';
import { newUlid } from '@/lib/shared/protocol/ids';
import { MAX_SMALL_BODY_BYTES } from '@/lib/shared/protocol/limits';
import { wireString } from '@/lib/shared/protocol/text';
import { hasRole, type Role } from '../auth/tokens';
import { subscribeEscalations } from '../events';
import { parseWith, readJson } from '../http/body';
import { HttpError } from '../http/respond';
import type { Reply, RequestContext, Route } from '../http/router';
import { acknowledgeAs, resolveAs } from '../routes/escalation-decisions';
import { evidenceImage, hashParam } from '../routes/evidence';
import { recordAction } from '../store/enforcement';
import {
  CONSOLE_HEADERS,
  CONSOLE_HTML,
  consoleAssets,
  consoleIcon,
  consoleMessages,
  isUiLanguage,
} from './assets';
import { toCsv } from './csv';
import {
  agreement,
  ConsoleQueryError,
  creatorView,
  escalationQueue,
  flagQueue,
  type PolicyMarketDayRow,
  policyMarketMetrics,
  reviewerMetrics,
  rulePrecision,
} from './queries/index';
import {
  type ConsoleSession,
  clearedSessionCookie,
  createSession,
  DEFAULT_SESSION_TTL_SECONDS,
  findSession,
  maySignIn,
  revokeSession,
  sessionCookie,
  sessionCookieHeader,
} from './sessions';

export const CSRF_HEADER = 'x-flagpost-console';
const HEARTBEAT_MS = 15_000;

/** Session lifetime for new sessions; tests shorten it. */
let sessionTtlSeconds = DEFAULT_SESSION_TTL_SECONDS;
export function setConsoleSessionTtl(seconds: number): void {
  sessionTtlSeconds = seconds;
}

const isSecure = (req: IncomingMessage) =>
  (req.socket as { encrypted?: boolean }).encrypted === true ||
  req.headers['x-forwarded-proto'] === 'https';

const API_HEADERS = { ...CONSOLE_HEADERS, 'Cache-Control': 'no-store' };

/** Mutating routes: the custom header, and the request's Origin (if any) must be this host's. */
function checkCsrf(req: IncomingMessage): void {
  if (req.headers[CSRF_HEADER] !== '1') {
    throw new HttpError(
      403,
      'forbidden',
      `Console changes must carry the header X-Flagpost-Console: 1 (cross-site requests are refused).`,
    );
  }
  const origin = req.headers.origin;
  if (origin === undefined) return;
  const host = req.headers.host;
  const own = host ? [`http://${host}`, `https://${host}`] : [];
  if (!own.includes(origin)) {
    throw new HttpError(403, 'forbidden', `Origin ${origin} may not change the console's data.`);
  }
}

function unauthorised(req: IncomingMessage): HttpError {
  return new HttpError(
    401,
    'unauthorized',
    'Sign in to the console: the session is missing, expired or signed out.',
    undefined,
    { ...API_HEADERS, 'Set-Cookie': clearedSessionCookie(isSecure(req)) },
  );
}

async function requireSession(ctx: RequestContext, role: Role): Promise<ConsoleSession> {
  const session = await findSession(ctx.db, sessionCookie(ctx.req));
  if (!session) throw unauthorised(ctx.req);
  if (!hasRole(session.role, role)) {
    throw new HttpError(403, 'forbidden', `This needs the ${role} role; you are ${session.role}.`);
  }
  return session;
}

type Handler = (ctx: RequestContext, session: ConsoleSession) => Promise<Reply>;

/** A console API route: the session and its role are checked before `handle` runs. */
function api(
  method: 'GET' | 'POST',
  path: string,
  role: Role,
  handle: Handler,
): Route & { consoleRole: Role } {
  return {
    method,
    path,
    // The pipeline's bearer check does not apply: the session cookie is checked here.
    access: 'public',
    consoleRole: role,
    async handle(ctx) {
      if (method !== 'GET') checkCsrf(ctx.req);
      const session = await requireSession(ctx, role);
      try {
        const reply = await handle(ctx, session);
        return { ...reply, headers: { ...API_HEADERS, ...reply.headers } };
      } catch (error) {
        if (error instanceof ConsoleQueryError) {
          throw new HttpError(
            400,
            'validation_failed',
            error.message,
            { issues: error.issues },
            {
              ...API_HEADERS,
            },
          );
        }
        throw error;
      }
    },
  };
}

/** The query string as an object; a name given twice is refused (which one would count?). */
function queryOf(
  ctx: RequestContext,
  omit: readonly string[] = ['format'],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of ctx.url.searchParams) {
    if (omit.includes(name)) continue;
    if (name in out) {
      throw new HttpError(400, 'bad_request', `The filter ${name} is given more than once.`);
    }
    if (value !== '') out[name] = value;
  }
  return out;
}

function wantsCsv(ctx: RequestContext): boolean {
  const format = ctx.url.searchParams.get('format');
  if (format === null || format === 'json') return false;
  if (format === 'csv') return true;
  throw new HttpError(400, 'bad_request', `format must be json or csv; got "${format}".`);
}

function csvReply(name: string, header: readonly string[], rows: readonly unknown[][]): Reply {
  const day = new Date().toISOString().slice(0, 10);
  return {
    status: 200,
    raw: Buffer.from(toCsv(header, rows)),
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="flagpost-${name}-${day}.csv"`,
    },
  };
}

const signInSchema = z.object({}).strict();

const actionInputSchema = z
  .object({
    action: enforcementActionKindSchema,
    reason: wireString()
      .trim()
      .min(1, 'a reason is required')
      .max(2000, 'must be at most 2000 characters'),
  })
  .strict();

function streamEscalations(ctx: RequestContext, session: ConsoleSession) {
  return (res: ServerResponse, draining: () => boolean) => {
    res.write(': connected\n\n');
    const unsubscribe = subscribeEscalations(ctx.db, (event: EscalationEvent) => {
      res.write(
        `id: ${event.escalation.id}\nevent: escalation\ndata: ${JSON.stringify(event)}\n\n`,
      );
    });
    let beat = 0;
    // A session that ends (signed out elsewhere, expired, token revoked) ends its stream.
    let checking = false;
    const timer = setInterval(() => {
      if (draining()) return res.end();
      beat += 250;
      if (beat % 5_000 === 0 && !checking) {
        checking = true;
        findSession(ctx.db, sessionCookie(ctx.req))
          .then((live) => {
            if (!live || live.tokenId !== session.tokenId) res.end();
          })
          .catch(() => undefined)
          .finally(() => {
            checking = false;
          });
      }
      if (beat >= HEARTBEAT_MS) {
        beat = 0;
        res.write(': heartbeat\n\n');
      }
    }, 250);
    timer.unref();
    res.on('close', () => {
      clearInterval(timer);
      unsubscribe();
    });
  };
}

const METRICS_GROUPS = ['all', 'policy', 'market', 'day'] as const;
type MetricsGroup = (typeof METRICS_GROUPS)[number];
const isMetricsGroup = (value: string): value is MetricsGroup =>
  (METRICS_GROUPS as readonly string[]).includes(value);

/** Rows per policy, market and day summed over the other two (an empty string stands for "all"). */
export function groupMetrics(
  rows: PolicyMarketDayRow[],
  group: MetricsGroup,
): PolicyMarketDayRow[] {
  if (group === 'all') return rows;
  const sums = new Map<string, PolicyMarketDayRow>();
  for (const row of rows) {
    const key =
      group === 'policy' ? row.policyId : group === 'market' ? (row.market ?? '') : row.day;
    const sum = sums.get(key) ?? {
      day: group === 'day' ? row.day : '',
      policyId: group === 'policy' ? row.policyId : '',
      market: group === 'market' ? row.market : null,
      flags: 0,
      suggested: 0,
      confirmed: 0,
      dismissed: 0,
    };
    sum.flags += row.flags;
    sum.suggested += row.suggested;
    sum.confirmed += row.confirmed;
    sum.dismissed += row.dismissed;
    sums.set(key, sum);
  }
  return [...sums.values()].sort((a, b) =>
    group === 'day' ? (a.day < b.day ? -1 : 1) : b.flags - a.flags,
  );
}

const pct = (x: number | null) => (x === null ? '' : Math.round(x * 10_000) / 10_000);

export const consoleRoutes: Route[] = [
  {
    method: 'GET',
    path: '/console',
    access: 'public',
    async handle(ctx) {
      // The same page either way (it holds no data); without a live session it is the
      // sign-in page, and the status says so.
      const session = await findSession(ctx.db, sessionCookie(ctx.req));
      return {
        status: session ? 200 : 401,
        raw: Buffer.from(CONSOLE_HTML),
        headers: {
          ...API_HEADERS,
          'Content-Type': 'text/html; charset=utf-8',
          ...(session ? {} : { 'Set-Cookie': clearedSessionCookie(isSecure(ctx.req)) }),
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/console/',
    access: 'public',
    async handle() {
      return { status: 308, headers: { Location: '/console' } };
    },
  },
  {
    method: 'GET',
    path: '/console/assets/{file}',
    access: 'public',
    async handle(ctx) {
      const file = ctx.params.file;
      if (file === 'icon.png') {
        return {
          status: 200,
          raw: consoleIcon(),
          headers: {
            ...CONSOLE_HEADERS,
            'Content-Type': 'image/png',
            'Cache-Control': 'max-age=86400',
          },
        };
      }
      if (file !== 'app.js' && file !== 'app.css') {
        throw new HttpError(404, 'not_found', `No console asset ${file}.`);
      }
      const assets = await consoleAssets();
      return {
        status: 200,
        raw: file === 'app.js' ? assets.js : assets.css,
        headers: {
          ...CONSOLE_HEADERS,
          'Content-Type':
            file === 'app.js' ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8',
          'Cache-Control': 'no-cache',
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/console/messages/{language}',
    access: 'public',
    async handle(ctx) {
      const language = ctx.params.language?.replace(/\.json$/, '') ?? '';
      if (!isUiLanguage(language)) {
        throw new HttpError(
          404,
          'not_found',
          `No console language ${language}; use en, th, vi, id, ms or fil.`,
        );
      }
      return {
        status: 200,
        raw: consoleMessages(language),
        headers: {
          ...CONSOLE_HEADERS,
          'Content-Type': 'application/json; charset=utf-8',
          'Cache-Control': 'no-cache',
        },
      };
    },
  },
  // Sign-in: the bearer token is checked by the pipeline (and its failure limits).
  {
    method: 'POST',
    path: '/console/api/session',
    access: 'reviewer',
    async handle(ctx) {
      checkCsrf(ctx.req);
      const who = ctx.principal;
      if (!who) throw new HttpError(401, 'unauthorized', 'A bearer token is required.');
      if (!maySignIn(who)) {
        throw new HttpError(
          403,
          'forbidden',
          `A ${who.role} token cannot sign in to the console: it needs a lead or admin token.`,
        );
      }
      const body = await readJson(ctx.req, MAX_SMALL_BODY_BYTES).catch(() => ({}));
      parseWith(signInSchema, body ?? {}, 'Invalid sign-in');
      const { id, session } = await createSession(ctx.db, who, sessionTtlSeconds);
      return {
        status: 201,
        body: { reviewer: session.reviewer, role: session.role, expiresAt: session.expiresAt },
        headers: {
          ...API_HEADERS,
          'Set-Cookie': sessionCookieHeader(id, sessionTtlSeconds, isSecure(ctx.req)),
        },
      };
    },
  },
  api('GET', '/console/api/session', 'lead', async (_ctx, session) => ({
    status: 200,
    body: { reviewer: session.reviewer, role: session.role, expiresAt: session.expiresAt },
  })),
  api('POST', '/console/api/session/sign-out', 'lead', async (ctx) => {
    await revokeSession(ctx.db, sessionCookie(ctx.req));
    return {
      status: 204,
      headers: { 'Set-Cookie': clearedSessionCookie(isSecure(ctx.req)) },
    };
  }),
  api('GET', '/console/api/escalations', 'lead', async (ctx) => {
    const view = await escalationQueue(ctx.db, queryOf(ctx));
    if (wantsCsv(ctx)) {
      return csvReply(
        'escalations',
        [
          'id',
          'state',
          'category',
          'reviewer',
          'reason',
          'platform',
          'itemId',
          'creatorId',
          'receivedAt',
          'acknowledgeDueAt',
          'resolveDueAt',
          'acknowledgedBy',
          'acknowledgedAt',
          'resolvedBy',
          'resolvedAt',
          'decision',
          'note',
          'enforcementAction',
        ],
        view.rows.map((e) => [
          e.id,
          e.state,
          e.category,
          e.reviewer,
          e.reason,
          e.item.platform,
          e.item.itemId,
          e.item.creatorId ?? '',
          e.receivedAt,
          e.acknowledgeDueAt,
          e.resolveDueAt,
          e.acknowledgedBy ?? '',
          e.acknowledgedAt ?? '',
          e.resolvedBy ?? '',
          e.resolvedAt ?? '',
          e.outcome?.decision ?? '',
          e.outcome?.note ?? '',
          e.outcome?.enforcementAction?.action ?? '',
        ]),
      );
    }
    return { status: 200, body: view };
  }),
  // Before /{id}: the router takes the first route whose path matches.
  api('GET', '/console/api/escalations/events', 'lead', async (ctx, session) => ({
    status: 200,
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'X-Accel-Buffering': 'no',
    },
    stream: streamEscalations(ctx, session),
  })),
  api('POST', '/console/api/escalations/{id}/acknowledge', 'lead', (ctx, session) =>
    acknowledgeAs(ctx, session.reviewer),
  ),
  api('POST', '/console/api/escalations/{id}/resolve', 'lead', (ctx, session) =>
    resolveAs(ctx, session.reviewer),
  ),
  // An escalation's snapshot, shown on its card (img-src 'self'): the session, not a token.
  api('GET', '/console/api/evidence/{sha256}', 'lead', async (ctx) =>
    evidenceImage(ctx.db, hashParam(ctx.params)),
  ),
  api('GET', '/console/api/flags', 'lead', async (ctx) => {
    const page = await flagQueue(ctx.db, queryOf(ctx));
    if (wantsCsv(ctx)) {
      return csvReply(
        'flags',
        [
          'id',
          'createdAt',
          'reviewer',
          'policyId',
          'ruleId',
          'severity',
          'status',
          'market',
          'platform',
          'itemId',
          'creatorId',
          'creatorHandle',
          'title',
          'url',
        ],
        page.rows.map((f) => [
          f.id,
          f.createdAt,
          f.reviewer,
          f.policyId,
          f.ruleId ?? '',
          f.severity,
          f.status,
          f.market ?? '',
          f.platform,
          f.itemId,
          f.creatorId ?? '',
          f.creatorHandle ?? '',
          f.title ?? '',
          f.url,
        ]),
      );
    }
    return { status: 200, body: page };
  }),
  api('GET', '/console/api/creators/{platform}/{creatorId}', 'lead', async (ctx) => {
    const table = ctx.url.searchParams.get('table') ?? 'flags';
    const view = await creatorView(ctx.db, {
      ...queryOf(ctx, ['format', 'table']),
      platform: ctx.params.platform ?? '',
      creatorId: ctx.params.creatorId ?? '',
    });
    const decisions = await rulePrecision(ctx.db, {});
    const body = { ...view, rulePrecision: decisions.rules };
    if (!wantsCsv(ctx)) return { status: 200, body };
    if (table === 'flags') {
      return csvReply(
        'creator-flags',
        ['id', 'createdAt', 'reviewer', 'policyId', 'ruleId', 'severity', 'status', 'note'],
        view.flags.map((f) => [
          f.id,
          f.createdAt,
          f.reviewer,
          f.policyId,
          f.ruleId ?? '',
          f.severity,
          f.status,
          f.note,
        ]),
      );
    }
    if (table === 'notes') {
      return csvReply(
        'creator-notes',
        ['id', 'createdAt', 'reviewer', 'text'],
        view.notes.map((n) => [n.id, n.createdAt, n.reviewer, n.text]),
      );
    }
    if (table === 'actions') {
      return csvReply(
        'creator-actions',
        ['id', 'at', 'action', 'reason'],
        view.actions.map((a) => [a.id, a.at, a.action, a.reason]),
      );
    }
    throw new HttpError(
      400,
      'bad_request',
      `table must be flags, notes or actions; got "${table}".`,
    );
  }),
  api('POST', '/console/api/creators/{platform}/{creatorId}/actions', 'lead', async (ctx) => {
    const creator = parseWith(creatorRefSchema, ctx.params, 'Invalid creator', 'params');
    const body = await readJson(ctx.req, MAX_SMALL_BODY_BYTES);
    const input = parseWith(actionInputSchema, body, 'Invalid enforcement action');
    const action = {
      id: newUlid(),
      creator,
      action: input.action,
      reason: input.reason,
      at: new Date().toISOString(),
    };
    await recordAction(ctx.db, action);
    return { status: 201, body: action };
  }),
  api('GET', '/console/api/metrics/policy-market', 'lead', async (ctx) => {
    const group = ctx.url.searchParams.get('group') ?? 'all';
    if (!isMetricsGroup(group)) {
      throw new HttpError(
        400,
        'bad_request',
        `group must be all, policy, market or day; got "${group}".`,
      );
    }
    const rows = groupMetrics(
      await policyMarketMetrics(ctx.db, queryOf(ctx, ['format', 'group'])),
      group,
    );
    if (wantsCsv(ctx)) {
      return csvReply(
        group === 'all' ? 'metrics-policy-market-day' : `metrics-by-${group}`,
        ['day', 'policyId', 'market', 'flags', 'suggested', 'confirmed', 'dismissed'],
        rows.map((r) => [
          r.day,
          r.policyId,
          r.market ?? '',
          r.flags,
          r.suggested,
          r.confirmed,
          r.dismissed,
        ]),
      );
    }
    return { status: 200, body: { rows } };
  }),
  api('GET', '/console/api/metrics/reviewers', 'lead', async (ctx) => {
    const rows = await reviewerMetrics(ctx.db, queryOf(ctx));
    if (wantsCsv(ctx)) {
      return csvReply(
        'metrics-reviewers',
        ['reviewer', 'flags', 'suggested', 'confirmed', 'dismissed', 'medianDecisionSeconds'],
        rows.map((r) => [
          r.reviewer,
          r.flags,
          r.suggested,
          r.confirmed,
          r.dismissed,
          r.medianDecisionSeconds ?? '',
        ]),
      );
    }
    return { status: 200, body: { rows } };
  }),
  api('GET', '/console/api/agreement', 'lead', async (ctx) => {
    const table = ctx.url.searchParams.get('table') ?? 'pairs';
    const view = await agreement(ctx.db, queryOf(ctx, ['format', 'table']));
    if (!wantsCsv(ctx)) return { status: 200, body: view };
    const stats = ['pairs', 'agreed', 'agreementRate', 'kappa'];
    if (table === 'pairs') {
      return csvReply(
        'agreement-reviewer-pairs',
        ['reviewerA', 'reviewerB', ...stats],
        view.reviewerPairs.map((p) => [
          p.reviewerA,
          p.reviewerB,
          p.pairs,
          p.agreed,
          pct(p.agreementRate),
          pct(p.kappa),
        ]),
      );
    }
    if (table === 'groups') {
      return csvReply(
        `agreement-by-${view.by}`,
        ['key', 'units', ...stats],
        view.groups.map((g) => [
          g.key,
          g.units,
          g.pairs,
          g.agreed,
          pct(g.agreementRate),
          pct(g.kappa),
        ]),
      );
    }
    throw new HttpError(400, 'bad_request', `table must be pairs or groups; got "${table}".`);
  }),
  api('GET', '/console/api/precision', 'lead', async (ctx) => {
    const table = ctx.url.searchParams.get('table') ?? 'rules';
    const view = await rulePrecision(ctx.db, queryOf(ctx, ['format', 'table']));
    if (!wantsCsv(ctx)) return { status: 200, body: view };
    if (table !== 'rules' && table !== 'tighten') {
      throw new HttpError(400, 'bad_request', `table must be rules or tighten; got "${table}".`);
    }
    return csvReply(
      table === 'rules' ? 'rule-precision' : 'rules-to-tighten',
      ['policyId', 'ruleId', 'suggested', 'confirmed', 'dismissed', 'precision', 'tighten'],
      (table === 'rules' ? view.rules : view.toTighten).map((r) => [
        r.policyId,
        r.ruleId,
        r.suggested,
        r.confirmed,
        r.dismissed,
        pct(r.precision),
        r.tighten ? 'yes' : 'no',
      ]),
    );
  }),
];

/** Which role each console API route needs (the tests walk this list). */
export const consoleApiRoles = consoleRoutes
  .filter((r): r is Route & { consoleRole: Role } => 'consoleRole' in r)
  .map((r) => ({ method: r.method, path: r.path, role: r.consoleRole }));
