/**
 * A creator across the team: totals, the risk score with its explanation (the extension's
 * own pure risk core, lib/shared/risk, fed with the team's rule precision), every reviewer's
 * flags and notes, the enforcement actions, and recording a new action with its reason.
 */
import { useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { ACTION_LABEL, BAND_LABEL, SEVERITY_LABEL, STATUS_LABEL } from '@/components/risk/labels';
import { RiskExplanation } from '@/components/risk/risk-explanation';
import type { ContributionView } from '@/lib/messaging/risk-messages';
import { bandOf, precisionLookup, riskScore, ruleKeyOf } from '@/lib/shared/risk';
import { call, withQuery } from '../api';
import { type CreatorViewData, creatorViewSchema, enforcementActionResultSchema } from '../schemas';
import { DataTable, ErrorNote, Field, Loading, num, useLoad, when } from '../shared';
import { ActionFields } from './action-fields';

function explain(data: CreatorViewData, now: number) {
  const stats = new Map(
    data.rulePrecision.map((r) => [
      ruleKeyOf(r.policyId, r.ruleId),
      { confirmed: r.confirmed, dismissed: r.dismissed },
    ]),
  );
  const score = riskScore(data.flags, now, precisionLookup(stats));
  const byId = new Map(data.flags.map((f) => [f.id, f]));
  const items: ContributionView[] = [];
  for (const c of score.contributions) {
    const flag = byId.get(c.flagId);
    if (!flag) continue;
    items.push({
      flagId: c.flagId,
      policyId: flag.policyId,
      ...(flag.ruleId ? { ruleId: flag.ruleId } : {}),
      severity: flag.severity,
      status: flag.status,
      source: 'remote',
      reviewer: flag.reviewer,
      createdAt: flag.createdAt,
      confidence: c.confidence,
      decay: c.decay,
      points: c.points,
      share: score.points > 0 ? Math.min(1, c.points / score.points) : 0,
    });
  }
  return { score: score.score, items };
}

function ActionForm({
  platform,
  creatorId,
  onDone,
}: {
  platform: string;
  creatorId: string;
  onDone: () => void;
}) {
  const t = useT();
  const [action, setAction] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!action) found.action = t('consoleActionNeedsKind');
    if (!reason.trim()) found.reason = t('consoleActionNeedsReason');
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    try {
      await call(
        enforcementActionResultSchema,
        `/console/api/creators/${encodeURIComponent(platform)}/${encodeURIComponent(creatorId)}/actions`,
        { method: 'POST', body: { action, reason: reason.trim() } },
      );
      setAction('');
      setReason('');
      setFailure(undefined);
      setDone(true);
      onDone();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <form class="action-form" onSubmit={submit} noValidate data-testid="creator-action-form">
      <h2>{t('consoleRecordAction')}</h2>
      <ActionFields
        ids={{ kind: 'creator-action', reason: 'creator-action-reason' }}
        testIds={{ kind: 'creator-action-kind', reason: 'creator-action-reason' }}
        action={action}
        reason={reason}
        errors={errors}
        onAction={setAction}
        onReason={setReason}
      />
      <ErrorNote error={failure} />
      {done && (
        <p role="status" data-testid="creator-action-recorded">
          {t('consoleActionRecorded')}
        </p>
      )}
      <button type="submit" data-testid="creator-action-submit">
        {t('consoleRecordActionSubmit')}
      </button>
    </form>
  );
}

function CreatorPicker() {
  const t = useT();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const go = (event: Event) => {
    event.preventDefault();
    const match = /^([a-z0-9][a-z0-9.-]*):(.+)$/.exec(value.trim());
    if (!match?.[1] || !match[2]) {
      setError(t('consoleCreatorKeyInvalid'));
      return;
    }
    location.hash = `#/creator/${encodeURIComponent(match[1])}/${encodeURIComponent(match[2])}`;
  };
  return (
    <form class="filters" onSubmit={go} noValidate data-testid="creator-picker">
      <Field id="creator-key" label={t('consoleFilterCreator')} error={error}>
        <input
          id="creator-key"
          type="text"
          placeholder="shopvid:creator-1"
          value={value}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'creator-key-error' : undefined}
          onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          data-testid="creator-key"
        />
      </Field>
      <div class="filter-actions">
        <button type="submit" data-testid="creator-open">
          {t('consoleOpenCreator')}
        </button>
      </div>
    </form>
  );
}

export function CreatorPage({ platform, creatorId }: { platform?: string; creatorId?: string }) {
  const t = useT();
  const base =
    platform && creatorId
      ? `/console/api/creators/${encodeURIComponent(platform)}/${encodeURIComponent(creatorId)}`
      : undefined;
  const { data, error, reload } = useLoad(
    () => (base ? call(creatorViewSchema, base) : Promise.resolve(undefined)),
    base ?? '',
  );
  if (!base || !platform || !creatorId) {
    return (
      <section aria-labelledby="creator-title">
        <h1 id="creator-title">{t('consoleCreatorTitle')}</h1>
        <CreatorPicker />
      </section>
    );
  }
  const explained = data ? explain(data, Date.now()) : undefined;
  return (
    <section aria-labelledby="creator-title">
      <h1 id="creator-title">
        {t('consoleCreatorTitle')}: <bdi>{data?.creator.handle ?? creatorId}</bdi>
      </h1>
      <CreatorPicker />
      <ErrorNote error={error} />
      {!data || !explained ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <dl class="facts totals" data-testid="creator-totals">
            <dt>{t('consoleRiskScore')}</dt>
            <dd data-testid="creator-score">
              {num(explained.score)} · {t(BAND_LABEL[bandOf(explained.score)])}
            </dd>
            <dt>{t('consoleColFlags')}</dt>
            <dd>{num(data.totals.flags)}</dd>
            <dt>{t('statusConfirmed')}</dt>
            <dd>{num(data.totals.confirmed)}</dd>
            <dt>{t('statusDismissed')}</dt>
            <dd>{num(data.totals.dismissed)}</dd>
            <dt>{t('consoleColReviewers')}</dt>
            <dd>{num(data.totals.reviewers)}</dd>
            <dt>{t('consoleColNotes')}</dt>
            <dd>{num(data.totals.notes)}</dd>
          </dl>
          <section class="table-block">
            <h2>{t('consoleScoreExplanation')}</h2>
            <RiskExplanation items={explained.items} />
          </section>
          <DataTable
            title={t('consoleEnforcementActions')}
            testId="creator-actions"
            rowTestId="creator-action-row"
            csvHref={withQuery(base, { format: 'csv', table: 'actions' })}
            columns={[
              { key: 'at', label: t('consoleColTime') },
              { key: 'action', label: t('consoleActionKind') },
              { key: 'reason', label: t('consoleActionReason') },
            ]}
            rowKeys={data.actions.map((a) => a.id)}
            rows={data.actions.map((a) => [
              when(a.at),
              t(ACTION_LABEL[a.action] ?? 'riskActionWarning'),
              <bdi key="r">{a.reason}</bdi>,
            ])}
          />
          <ActionForm platform={platform} creatorId={creatorId} onDone={reload} />
          <DataTable
            title={t('consoleCreatorHistory')}
            testId="creator-flags"
            rowTestId="creator-flag-row"
            csvHref={withQuery(base, { format: 'csv', table: 'flags' })}
            columns={[
              { key: 'createdAt', label: t('consoleColTime') },
              { key: 'policy', label: t('consoleFilterPolicy') },
              { key: 'severity', label: t('consoleFilterSeverity') },
              { key: 'status', label: t('consoleFilterStatus') },
              { key: 'reviewer', label: t('consoleFilterReviewer') },
              { key: 'item', label: t('consoleItem') },
            ]}
            rowKeys={data.flags.map((f) => f.id)}
            rows={data.flags.map((f) => [
              when(f.createdAt),
              <bdi key="p">{f.ruleId ? `${f.policyId} / ${f.ruleId}` : f.policyId}</bdi>,
              t(SEVERITY_LABEL[f.severity] ?? 'severityLow'),
              t(STATUS_LABEL[f.status] ?? 'statusSuggested'),
              <bdi key="r">{f.reviewer}</bdi>,
              <bdi key="i">{f.item.title ?? f.item.itemId}</bdi>,
            ])}
          />
          <DataTable
            title={t('consoleColNotes')}
            testId="creator-notes"
            csvHref={withQuery(base, { format: 'csv', table: 'notes' })}
            columns={[
              { key: 'createdAt', label: t('consoleColTime') },
              { key: 'reviewer', label: t('consoleFilterReviewer') },
              { key: 'text', label: t('consoleNoteText') },
            ]}
            rowKeys={data.notes.map((n) => n.id)}
            rows={data.notes.map((n) => [
              when(n.createdAt),
              <bdi key="r">{n.reviewer}</bdi>,
              <bdi key="x">{n.text}</bdi>,
            ])}
          />
        </>
      )}
    </section>
  );
}
