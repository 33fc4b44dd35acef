/**
 * The escalation lane against the real endpoint (in-memory PGlite) over real HTTP: delivered
 * at once, retried on its own short backoff while the endpoint is unreachable, resumed by a
 * new lane as after a worker stop, and never stored twice.
 */
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { escalateNewFlag } from '@/lib/background/escalation/escalations-repo';
import { createEscalationLane, type EscalationLane } from '@/lib/background/escalation/lane';
import { FlagpostDb } from '@/lib/background/store/db';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { escalationListSchema } from '@/lib/shared/protocol/escalations';
import { issueToken, type RunningServer, startServer } from '@/server/app';
import { ITEM } from '../store/samples';

let server: RunningServer;
let token: string;
let lead: string;
let unreachable: string;
let db: FlagpostDb;
const lanes: EscalationLane[] = [];
const author = { reviewer: 'alice', clock: () => new Date().toISOString() };
/** Timers the test fires itself: what matters is the wait the lane asked for. */
const timers: { run: () => void; ms: number }[] = [];
/** The lane's clock: advanced by the test as a timer's wait passes. */
let clock = Date.now();

function lane(config: EndpointConfig) {
  const created = createEscalationLane({
    db,
    config: async () => config,
    timeoutMs: 5_000,
    random: () => 0.5,
    now: () => clock,
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => {},
  });
  lanes.push(created);
  return created;
}

const escalate = (reason: string) =>
  escalateNewFlag(
    db,
    {
      item: ITEM,
      policyId: 'child-safety',
      policyVersion: '2026.11',
      severity: 'critical',
      source: 'manual',
      status: 'confirmed',
    },
    { category: 'child_safety', reason },
    author,
  );

async function storedAtEndpoint() {
  const response = await fetch(`${server.url}/v1/escalations`, {
    headers: { authorization: `Bearer ${lead}` },
  });
  return escalationListSchema.parse(await response.json()).escalations;
}

beforeAll(async () => {
  server = await startServer();
  token = (await issueToken(server.db, 'alice')).token;
  lead = (await issueToken(server.db, 'lead-lin', { admin: true })).token;
  // A port that was just free: connections to it are refused, as to an endpoint that is down.
  const gone = await startServer();
  unreachable = gone.url;
  await gone.close();
});
afterAll(() => server?.close());
beforeEach(async () => {
  db = new FlagpostDb(`flagpost-lane-${Math.random()}`);
  await db.open();
  timers.length = 0;
  clock = Date.now();
});
afterEach(async () => {
  for (const l of lanes.splice(0)) l.stop();
  db.close();
  await Dexie.delete(db.name);
});

describe('escalation lane', () => {
  it('delivers at once and records when', async () => {
    const { escalation } = await escalate('Minor in danger on a live stream.');
    await lane({ endpointUrl: server.url, token }).kick();
    const row = await db.escalations.get(escalation.id);
    expect(row?.lane).toBe('delivered');
    expect(row?.deliveredAt).toBeDefined();
    expect(row?.remote).toMatchObject({ id: escalation.id, state: 'open', reviewer: 'alice' });
    expect((await storedAtEndpoint()).filter((e) => e.id === escalation.id)).toHaveLength(1);
  });

  it('retries on its own backoff while unreachable, then a new lane delivers once', async () => {
    const { escalation } = await escalate('Threat of violence in comments.');
    const down = lane({ endpointUrl: unreachable, token });
    await down.kick();
    let row = await db.escalations.get(escalation.id);
    expect(row).toMatchObject({ lane: 'queued', attempts: 1 });
    expect(row?.lastError).toMatch(/Network error/);
    // random 0.5: three quarters of the 1 s ceiling.
    const firstWait = timers.at(-1)?.ms ?? 0;
    expect(firstWait).toBeLessThanOrEqual(750);
    // Before its wait is over, kicking the lane sends nothing: it keeps its own schedule.
    await down.kick();
    expect((await db.escalations.get(escalation.id))?.attempts).toBe(1);
    clock += firstWait;
    timers.at(-1)?.run();
    await down.kick();
    row = await db.escalations.get(escalation.id);
    expect(row?.attempts).toBe(2);
    expect(timers.at(-1)?.ms).toBeLessThanOrEqual(1_500);
    down.stop();

    // The worker stopped; a new one starts and finds the escalation still queued.
    const restarted = lane({ endpointUrl: server.url, token });
    await restarted.flush();
    expect((await db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await storedAtEndpoint()).filter((e) => e.id === escalation.id)).toHaveLength(1);
  });

  it('stores it once when a send is repeated after the endpoint already stored it', async () => {
    const { escalation } = await escalate('Dangerous heater in a viral video.');
    await lane({ endpointUrl: server.url, token }).kick();
    // As if the worker died after the endpoint stored it but before the answer was saved.
    await db.escalations.update(escalation.id, { lane: 'queued' });
    await lane({ endpointUrl: server.url, token }).kick();
    expect((await db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await storedAtEndpoint()).filter((e) => e.id === escalation.id)).toHaveLength(1);
  });

  it('sets aside, with the reason, an escalation the endpoint refuses for good', async () => {
    const { escalation } = await escalate('Scam wave.');
    await lane({ endpointUrl: server.url, token: `${token}x` }).kick();
    const row = await db.escalations.get(escalation.id);
    expect(row?.lane).toBe('refused');
    expect(row?.lastError).toMatch(/^HTTP 401/);
  });
});
