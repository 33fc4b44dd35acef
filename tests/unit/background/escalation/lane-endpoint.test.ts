/**
 * The escalation lane against the real endpoint (in-memory PGlite) over real HTTP: delivered
 * at once, retried on its own short backoff while the endpoint is unreachable, resumed by a
 * new lane as after a worker stop, and never stored twice.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointConfig } from '@/lib/background/sync/transport';
import { escalationListSchema } from '@/lib/shared/protocol/escalations';
import { startServer } from '@/server/app';
import { useLaneHarness } from './lane-harness';

const harness = useLaneHarness('flagpost-lane');
const { escalate } = harness;
let unreachable: string;
/** Timers the test fires itself: what matters is the wait the lane asked for. */
const timers: { run: () => void; ms: number }[] = [];
/** The lane's clock: advanced by the test as a timer's wait passes. */
let clock = Date.now();

const lane = (config: EndpointConfig) =>
  harness.lane(config, {
    timeoutMs: 5_000,
    random: () => 0.5,
    now: () => clock,
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => {},
  });

async function storedAtEndpoint() {
  const response = await fetch(`${harness.server.url}/v1/escalations`, {
    headers: { authorization: `Bearer ${harness.lead}` },
  });
  return escalationListSchema.parse(await response.json()).escalations;
}

beforeAll(async () => {
  // A port that was just free: connections to it are refused, as to an endpoint that is down.
  const gone = await startServer();
  unreachable = gone.url;
  await gone.close();
});
beforeEach(() => {
  timers.length = 0;
  clock = Date.now();
});

describe('escalation lane', () => {
  it('delivers at once and records when', async () => {
    const { escalation } = await escalate('Minor in danger on a live stream.');
    await lane(harness.endpoint()).kick();
    const row = await harness.db.escalations.get(escalation.id);
    expect(row?.lane).toBe('delivered');
    expect(row?.deliveredAt).toBeDefined();
    expect(row?.remote).toMatchObject({ id: escalation.id, state: 'open', reviewer: 'alice' });
    expect((await storedAtEndpoint()).filter((e) => e.id === escalation.id)).toHaveLength(1);
  });

  it('retries on its own backoff while unreachable, then a new lane delivers once', async () => {
    const { escalation } = await escalate('Threat of violence in comments.');
    const down = lane({ endpointUrl: unreachable, token: harness.token });
    await down.kick();
    let row = await harness.db.escalations.get(escalation.id);
    expect(row).toMatchObject({ lane: 'queued', attempts: 1 });
    expect(row?.lastError).toMatch(/Network error/);
    // random 0.5: three quarters of the 1 s ceiling.
    const firstWait = timers.at(-1)?.ms ?? 0;
    expect(firstWait).toBeLessThanOrEqual(750);
    // Before its wait is over, kicking the lane sends nothing: it keeps its own schedule.
    await down.kick();
    expect((await harness.db.escalations.get(escalation.id))?.attempts).toBe(1);
    clock += firstWait;
    timers.at(-1)?.run();
    await down.kick();
    row = await harness.db.escalations.get(escalation.id);
    expect(row?.attempts).toBe(2);
    expect(timers.at(-1)?.ms).toBeLessThanOrEqual(1_500);
    down.stop();

    // The worker stopped; a new one starts and finds the escalation still queued.
    const restarted = lane(harness.endpoint());
    await restarted.flush();
    expect((await harness.db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await storedAtEndpoint()).filter((e) => e.id === escalation.id)).toHaveLength(1);
  });

  it('stores it once when a send is repeated after the endpoint already stored it', async () => {
    const { escalation } = await escalate('Dangerous heater in a viral video.');
    await lane(harness.endpoint()).kick();
    // As if the worker died after the endpoint stored it but before the answer was saved.
    await harness.db.escalations.update(escalation.id, { lane: 'queued' });
    await lane(harness.endpoint()).kick();
    expect((await harness.db.escalations.get(escalation.id))?.lane).toBe('delivered');
    expect((await storedAtEndpoint()).filter((e) => e.id === escalation.id)).toHaveLength(1);
  });

  it('sets aside, with the reason, an escalation the endpoint refuses for good', async () => {
    const { escalation } = await escalate('Scam wave.');
    await lane(harness.endpoint(`${harness.token}x`)).kick();
    const row = await harness.db.escalations.get(escalation.id);
    expect(row?.lane).toBe('refused');
    expect(row?.lastError).toMatch(/^HTTP 401/);
  });
});
