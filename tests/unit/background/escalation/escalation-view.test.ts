import { describe, expect, it } from 'vitest';
import { escalationStatus, toEscalationView } from '@/lib/background/escalation/escalation-view';
import type { EscalationRow } from '@/lib/background/store/escalation-row';
import { ITEM } from '../store/samples';

const T0 = Date.parse('2026-11-01T08:00:00.000Z');
const row = (overrides: Partial<EscalationRow>): EscalationRow => ({
  id: '01JC0000000000000000000001',
  flagId: '01JC0000000000000000000002',
  category: 'child_safety',
  reason: 'Minor in danger.',
  item: ITEM,
  evidence: [],
  createdAt: new Date(T0).toISOString(),
  lane: 'queued',
  attempts: 0,
  nextAttemptAt: 0,
  notified: [],
  ...overrides,
});

describe('escalation receipts as the reviewer reads them', () => {
  it('walks queued, delivered, acknowledged by whom, resolved with the outcome', () => {
    expect(toEscalationView(row({})).stage).toBe('queued');
    const remote = {
      ...row({}),
      reviewer: 'alice',
      state: 'acknowledged' as const,
      receivedAt: '2026-11-01T08:00:00.400Z',
      acknowledgeDueAt: '2026-11-01T08:02:00.400Z',
      resolveDueAt: '2026-11-01T08:30:00.400Z',
      acknowledgedBy: 'lead-lin',
      acknowledgedAt: '2026-11-01T08:01:00.000Z',
      resolvedBy: null,
      resolvedAt: null,
      outcome: null,
    };
    const delivered = row({ lane: 'delivered', deliveredAt: remote.receivedAt });
    expect(toEscalationView(delivered)).toMatchObject({
      stage: 'delivered',
      deliveredAt: remote.receivedAt,
    });
    expect(toEscalationView({ ...delivered, remote })).toMatchObject({
      stage: 'acknowledged',
      acknowledgedBy: 'lead-lin',
    });
    const resolved = {
      ...remote,
      state: 'resolved' as const,
      resolvedAt: '2026-11-01T08:05:00.000Z',
      outcome: {
        decision: 'actioned' as const,
        note: 'Stream ended.',
        enforcementAction: {
          id: '01JC0000000000000000000003',
          action: 'suspended' as const,
          reason: 'x',
        },
      },
    };
    expect(toEscalationView({ ...delivered, remote: resolved })).toMatchObject({
      stage: 'resolved',
      outcome: { decision: 'actioned', enforcementAction: 'suspended' },
    });
  });

  it('warns only past 30 s undelivered, saying why', () => {
    const queued = row({ lastError: 'HTTP 503: unavailable' });
    expect(escalationStatus([queued], T0 + 29_000, undefined).overdue).toBe(0);
    expect(escalationStatus([queued], T0 + 30_000, undefined)).toMatchObject({
      overdue: 1,
      overdueReason: 'HTTP 503: unavailable',
    });
    expect(escalationStatus([queued], T0 + 30_000, 'No endpoint').overdueReason).toBe(
      'No endpoint',
    );
    const delivered = row({ lane: 'delivered', deliveredAt: new Date(T0).toISOString() });
    expect(escalationStatus([delivered], T0 + 60_000, undefined).overdue).toBe(0);
  });
});
