import { describe, expect, it } from 'vitest';
import { decisionOf, type SummaryFlag, summarise } from '@/components/overlay/badge-summary';
import { badgeView } from '@/components/overlay/badge-view';
import type { Translate } from '@/lib/i18n/keys';

const t: Translate = (key, subs) =>
  subs === undefined ? `[${key}]` : `[${key}:${([] as string[]).concat(subs).join('|')}]`;

const counterfeit = { policyId: 'counterfeit', ruleId: 'terms', severity: 'critical' as const };
const diversion = { policyId: 'diversion', ruleId: 'phone', severity: 'high' as const };
const auto = (
  finding: { policyId: string; ruleId: string; severity: SummaryFlag['severity'] },
  status: SummaryFlag['status'],
): SummaryFlag => ({ ...finding, source: 'auto', status });

describe('the badge summary', () => {
  it('counts what is left to review, not what was decided', () => {
    expect(summarise([counterfeit, diversion], [])).toEqual({
      count: 2,
      worst: 'critical',
      done: undefined,
    });
    // A confirmed finding is done: only the other one is left.
    expect(summarise([counterfeit, diversion], [auto(counterfeit, 'confirmed')])).toEqual({
      count: 1,
      worst: 'high',
      done: undefined,
    });
  });

  it('says the item is done once nothing is left: confirmed if any flag stands', () => {
    const both = [auto(counterfeit, 'confirmed'), auto(diversion, 'dismissed')];
    expect(summarise([counterfeit, diversion], both)).toEqual({
      count: 0,
      worst: undefined,
      done: 'confirmed',
    });
    const dismissed = [auto(counterfeit, 'dismissed'), auto(diversion, 'dismissed')];
    expect(summarise([counterfeit, diversion], dismissed).done).toBe('dismissed');
    // Nothing found, nothing recorded: not done, quiet.
    expect(summarise([], []).done).toBeUndefined();
  });

  it('takes a manual flag for the same policy as the decision on its finding: counted once', () => {
    const manual: SummaryFlag = {
      policyId: 'counterfeit',
      severity: 'critical',
      source: 'manual',
      status: 'confirmed',
    };
    expect(decisionOf(counterfeit, [manual])).toBe(manual);
    expect(summarise([counterfeit], [manual])).toEqual({
      count: 0,
      worst: undefined,
      done: 'confirmed',
    });
    // A manual flag for another rule of the policy does not decide this one.
    expect(decisionOf(counterfeit, [{ ...manual, ruleId: 'other' }])).toBeUndefined();
    // The automatic flag of the rule wins over a manual one of the policy.
    const own = auto(counterfeit, 'dismissed');
    expect(decisionOf(counterfeit, [manual, own])).toBe(own);
    // A deleted flag decides nothing.
    expect(decisionOf(counterfeit, [{ ...manual, deleted: true }])).toBeUndefined();
  });

  it('counts a flag still only suggested, with its severity', () => {
    const suggested: SummaryFlag = { policyId: 'x', severity: 'medium', status: 'suggested' };
    expect(summarise([], [suggested])).toEqual({ count: 1, worst: 'medium', done: undefined });
  });
});

describe('the badge view', () => {
  const done = (findings: (typeof counterfeit)[], flags: SummaryFlag[]) =>
    badgeView(
      {
        status: 'done',
        findings: findings.map((f) => ({ ...f, title: f.policyId, evidence: [] })),
      },
      flags,
      t,
    );

  it('shows the worst severity and the count while something is left', () => {
    expect(done([counterfeit], [])).toEqual({
      className: 'badge badge-critical',
      count: 1,
      label: '[overlayBadgeLabelSummary:1|[severityCritical]]',
      text: '[overlayBadgeSummary:[severityCritical]|1]',
    });
  });

  it('shows done with a mark and a colour no severity uses, never a red', () => {
    const confirmed = done([counterfeit], [auto(counterfeit, 'confirmed')]);
    expect(confirmed.className).toBe('badge done done-confirmed');
    expect(confirmed.text).toBe('✓ [findingConfirmed]');
    expect(confirmed.label).toBe('[overlayBadgeDoneLabel:[findingConfirmed]]');
    expect(confirmed.className).not.toMatch(/critical|has-flags/);
    const dismissed = done([counterfeit], [auto(counterfeit, 'dismissed')]);
    expect(dismissed.className).toBe('badge done done-dismissed');
    expect(dismissed.text).toBe('✕ [findingDismissed]');
  });

  it('is quiet with nothing found or recorded', () => {
    expect(done([], []).className).toBe('badge quiet');
  });
});

describe('the badge and the learned scorer', () => {
  it('leaves a suggested finding out of the count and the severity', () => {
    const suggested = {
      policyId: 'weapons',
      ruleId: 'suggested',
      severity: 'critical' as const,
      suggested: { probability: 0.97 },
    };
    expect(summarise([suggested], [])).toEqual({ count: 0, worst: undefined, done: undefined });
    expect(summarise([diversion, suggested], [])).toEqual({
      count: 1,
      worst: 'high',
      done: undefined,
    });
  });
});
