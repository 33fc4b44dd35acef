/**
 * The escalation queue: tabs per state with counts, the oldest case first, its SLA timers
 * counting down each second, live through the console's event stream (a change anywhere,
 * on any instance, redraws the list within a second). A lead acknowledges, and resolves with
 * an outcome that may record an enforcement action on the creator.
 */
import { useEffect, useState } from 'preact/hooks';
import { useCategoryLabel } from '@/components/escalation/escalation-receipts';
import { useT } from '@/components/i18n-context';
import type { MessageKey } from '@/lib/i18n/keys';
import {
  ESCALATION_STATES,
  type EscalationState,
  RESOLUTION_DECISIONS,
} from '@/lib/shared/protocol/escalations';
import { newUlid } from '@/lib/shared/protocol/ids';
import { call, withQuery } from '../api';
import {
  type EscalationRow,
  escalationEventSchema,
  escalationQueueSchema,
  escalationSchema,
  sessionSchema,
} from '../schemas';
import { duration, ErrorNote, Field, Loading, useLoad, when } from '../shared';
import { ActionFields } from './action-fields';

const STATE_LABEL: Record<EscalationState, MessageKey> = {
  open: 'consoleStateOpen',
  acknowledged: 'consoleStateAcknowledged',
  resolved: 'consoleStateResolved',
};
export const DECISION_LABEL: Record<string, MessageKey> = {
  actioned: 'consoleDecisionActioned',
  no_violation: 'consoleDecisionNoViolation',
  referred: 'consoleDecisionReferred',
};

function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** "Acknowledge within 1:59" / "Acknowledge overdue by 0:12". */
function Timer({ label, due, now }: { label: 'ack' | 'resolve'; due: string; now: number }) {
  const t = useT();
  const left = (Date.parse(due) - now) / 1000;
  const overdue = left < 0;
  const key: MessageKey =
    label === 'ack'
      ? overdue
        ? 'consoleSlaAckOverdue'
        : 'consoleSlaAckLeft'
      : overdue
        ? 'consoleSlaResolveOverdue'
        : 'consoleSlaResolveLeft';
  return (
    <span
      class={overdue ? 'sla overdue' : 'sla'}
      data-testid={`sla-${label}`}
      data-overdue={overdue ? 'true' : 'false'}
    >
      {t(key, duration(Math.abs(left)))}
    </span>
  );
}

function ResolveForm({ row, onDone }: { row: EscalationRow; onDone: () => void }) {
  const t = useT();
  const [decision, setDecision] = useState('');
  const [note, setNote] = useState('');
  const [withAction, setWithAction] = useState(false);
  const [action, setAction] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const id = `resolve-${row.id}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!decision) found.decision = t('consoleResolveNeedsDecision');
    if (withAction && !action) found.action = t('consoleActionNeedsKind');
    if (withAction && !reason.trim()) found.reason = t('consoleActionNeedsReason');
    if (withAction && !row.item.creatorId) found.action = t('consoleResolveNoCreator');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await call(escalationSchema, `/console/api/escalations/${row.id}/resolve`, {
        method: 'POST',
        body: {
          decision,
          note,
          ...(withAction
            ? { enforcementAction: { id: newUlid(), action, reason: reason.trim() } }
            : {}),
        },
      });
      onDone();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="resolve-form" onSubmit={submit} noValidate data-testid="resolve-form">
      <Field id={`${id}-decision`} label={t('consoleResolveDecision')} error={errors.decision}>
        <select
          id={`${id}-decision`}
          value={decision}
          data-testid="resolve-decision"
          onChange={(e) => setDecision((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('consoleChoose')}</option>
          {RESOLUTION_DECISIONS.map((d) => (
            <option key={d} value={d}>
              {t(DECISION_LABEL[d] ?? 'consoleDecisionActioned')}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${id}-note`} label={t('consoleResolveNote')}>
        <textarea
          id={`${id}-note`}
          value={note}
          maxLength={2000}
          data-testid="resolve-note"
          onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
        />
      </Field>
      <div class="check">
        <input
          id={`${id}-with-action`}
          type="checkbox"
          checked={withAction}
          data-testid="resolve-with-action"
          onChange={(e) => setWithAction((e.target as HTMLInputElement).checked)}
        />
        <label for={`${id}-with-action`}>{t('consoleResolveRecordAction')}</label>
      </div>
      {withAction && (
        <ActionFields
          ids={{ kind: `${id}-action`, reason: `${id}-reason` }}
          testIds={{ kind: 'resolve-action', reason: 'resolve-action-reason' }}
          action={action}
          reason={reason}
          errors={errors}
          onAction={setAction}
          onReason={setReason}
        />
      )}
      <ErrorNote error={failure} />
      <button type="submit" disabled={busy} data-testid="resolve-submit">
        {t('consoleResolve')}
      </button>
    </form>
  );
}

/**
 * A snapshot the reviewer attached, served to this session by the endpoint; uploaded
 * before its escalation, so missing only if the endpoint would never take it (then the
 * hash alone is shown).
 */
function EvidenceLink({ sha256 }: { sha256: string }) {
  const t = useT();
  const [missing, setMissing] = useState(false);
  const href = `/console/api/evidence/${sha256}`;
  const label = t('spSnapshotOpen', sha256.slice(0, 12));
  return (
    <a
      href={href}
      target="_blank"
      rel="noreferrer"
      data-testid="console-evidence"
      data-sha256={sha256}
    >
      {!missing && (
        <img
          src={href}
          alt={t('spSnapshotAlt')}
          loading="lazy"
          onError={() => setMissing(true)}
          data-testid="console-evidence-image"
        />
      )}
      <span>{label}</span>
    </a>
  );
}

function EscalationCard({
  row,
  now,
  onChanged,
}: {
  row: EscalationRow;
  now: number;
  onChanged: () => void;
}) {
  const t = useT();
  const category = useCategoryLabel();
  const [resolving, setResolving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const acknowledge = async () => {
    try {
      await call(escalationSchema, `/console/api/escalations/${row.id}/acknowledge`, {
        method: 'POST',
      });
      onChanged();
    } catch (error) {
      setFailure(error);
    }
  };
  const creatorHref = row.item.creatorId
    ? `#/creator/${encodeURIComponent(row.item.platform)}/${encodeURIComponent(row.item.creatorId)}`
    : undefined;
  return (
    <li class="card" data-testid="console-escalation" data-id={row.id} data-state={row.state}>
      <h2 class="card-title">
        <bdi>{category(row.category)}</bdi>
      </h2>
      <p class="reason">
        <bdi>{row.reason}</bdi>
      </p>
      <dl class="facts">
        <dt>{t('consoleReviewer')}</dt>
        <dd>
          <bdi>{row.reviewer}</bdi>
        </dd>
        <dt>{t('consoleItem')}</dt>
        <dd>
          <bdi>{row.item.title ?? row.item.itemId}</bdi>
        </dd>
        {creatorHref && (
          <>
            <dt>{t('consoleCreator')}</dt>
            <dd>
              <a href={creatorHref}>
                <bdi>{row.item.creatorHandle ?? row.item.creatorId}</bdi>
              </a>
            </dd>
          </>
        )}
        <dt>{t('consoleReceived')}</dt>
        <dd>{when(row.receivedAt)}</dd>
        {row.evidence.length > 0 && (
          <>
            <dt>{t('spEvidenceHeading')}</dt>
            <dd class="evidence" data-testid="console-escalation-evidence">
              {row.evidence.map((sha256) => (
                <EvidenceLink key={sha256} sha256={sha256} />
              ))}
            </dd>
          </>
        )}
        {row.acknowledgedBy && row.acknowledgedAt && (
          <>
            <dt>{t('consoleStateAcknowledged')}</dt>
            <dd data-testid="console-escalation-acknowledged">
              {t('consoleByAt', [row.acknowledgedBy, when(row.acknowledgedAt)])}
            </dd>
          </>
        )}
        {row.outcome && row.resolvedBy && row.resolvedAt && (
          <>
            <dt>{t('consoleStateResolved')}</dt>
            <dd data-testid="console-escalation-outcome">
              {t(DECISION_LABEL[row.outcome.decision] ?? 'consoleDecisionActioned')} ·{' '}
              {t('consoleByAt', [row.resolvedBy, when(row.resolvedAt)])}
              {row.outcome.note ? (
                <>
                  {' · '}
                  <bdi>{row.outcome.note}</bdi>
                </>
              ) : null}
            </dd>
          </>
        )}
      </dl>
      {row.state !== 'resolved' && (
        <p class="timers">
          {row.state === 'open' && <Timer label="ack" due={row.acknowledgeDueAt} now={now} />}{' '}
          <Timer label="resolve" due={row.resolveDueAt} now={now} />
        </p>
      )}
      <ErrorNote error={failure} />
      {row.state !== 'resolved' && (
        <div class="actions">
          {row.state === 'open' && (
            <button type="button" onClick={acknowledge} data-testid="escalation-acknowledge">
              {t('consoleAcknowledge')}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            aria-expanded={resolving}
            onClick={() => setResolving((r) => !r)}
            data-testid="escalation-resolve-open"
          >
            {t('consoleResolveOpen')}
          </button>
        </div>
      )}
      {resolving && row.state !== 'resolved' && <ResolveForm row={row} onDone={onChanged} />}
    </li>
  );
}

export function EscalationsView() {
  const t = useT();
  const now = useNow();
  const [state, setState] = useState<EscalationState>('open');
  const [round, setRound] = useState(0);
  const [live, setLive] = useState<'connecting' | 'live' | 'lost'>('connecting');
  const path = withQuery('/console/api/escalations', { state, limit: '200' });
  const { data, error, reload } = useLoad(
    () => call(escalationQueueSchema, path),
    `${path}#${round}`,
  );

  useEffect(() => {
    const source = new EventSource('/console/api/escalations/events');
    source.addEventListener('open', () => {
      setLive('live');
      // Whatever changed while the stream was down is read again.
      setRound((r) => r + 1);
    });
    source.addEventListener('error', () => {
      setLive('lost');
      // A stream that ends because the session did (expired, signed out elsewhere): the
      // session check answers 401 and the app shows the sign-in page.
      call(sessionSchema, '/console/api/session').catch(() => undefined);
    });
    source.addEventListener('escalation', (event) => {
      const parsed = escalationEventSchema.safeParse(
        JSON.parse((event as MessageEvent<string>).data),
      );
      if (parsed.success) setRound((r) => r + 1);
    });
    return () => source.close();
  }, []);

  return (
    <section aria-labelledby="escalations-title">
      <div class="view-head">
        <h1 id="escalations-title">{t('consoleEscalationsTitle')}</h1>
        <span class={`live ${live}`} role="status" data-testid="console-live" data-live={live}>
          {t(
            live === 'live'
              ? 'consoleLive'
              : live === 'lost'
                ? 'consoleLiveLost'
                : 'consoleLiveConnecting',
          )}
        </span>
      </div>
      <fieldset class="tabs">
        <legend class="visually-hidden">{t('consoleEscalationStates')}</legend>
        {ESCALATION_STATES.map((s) => (
          <button
            key={s}
            type="button"
            class={s === state ? 'tab current' : 'tab'}
            aria-pressed={s === state}
            onClick={() => setState(s)}
            data-testid={`escalation-tab-${s}`}
          >
            {t(STATE_LABEL[s])} <span class="count">{data ? String(data.counts[s]) : ''}</span>
          </button>
        ))}
        <a
          class="button secondary"
          href={`${path}&format=csv`}
          download
          data-testid="escalations-csv"
        >
          {t('consoleExportCsv')}
        </a>
      </fieldset>
      <ErrorNote error={error} />
      {!data ? (
        <Loading />
      ) : data.rows.length === 0 ? (
        <p class="muted" data-testid="console-escalations-empty">
          {t('consoleEscalationsEmpty')}
        </p>
      ) : (
        <ul class="cards" data-testid="console-escalations">
          {data.rows.map((row) => (
            <EscalationCard key={row.id} row={row} now={now} onChanged={reload} />
          ))}
        </ul>
      )}
    </section>
  );
}
