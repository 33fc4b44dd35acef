import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { mountPage } from '@/components/mount-page';
import { policyTitles } from '@/components/policy-titles';
import { CreatorPanel } from '@/components/risk/creator-panel';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { CreatorDecisionView } from '@/lib/messaging/escalation-messages';
import type { CreatorHistoryView } from '@/lib/messaging/risk-messages';
import { type CreatorRef, creatorRefSchema } from '@/lib/shared/protocol/history';
import '@/components/risk/creator-panel.css';

function creatorFromUrl(): CreatorRef | undefined {
  const params = new URLSearchParams(location.search);
  const parsed = creatorRefSchema.safeParse({
    platform: params.get('platform'),
    creatorId: params.get('creatorId'),
  });
  return parsed.success ? parsed.data : undefined;
}

/** The page asks the background (local data, no network) this often. */
const DECISIONS_POLL_MS = 1_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function Panel({ creator }: { creator: CreatorRef }) {
  const [view, setView] = useState<CreatorHistoryView>();
  const [error, setError] = useState<string>();
  const [titles, setTitles] = useState(() => policyTitles([]));
  useEffect(() => {
    send('policy.choices', {})
      .then(({ policies }) => setTitles(policyTitles(policies)))
      .catch((e: unknown) => console.warn('Flagpost: no policy names:', e));
  }, []);
  const load = useCallback(
    (refresh: boolean) =>
      send('creator.history', { creator, refresh })
        .then((next) => {
          setView(next);
          setError(undefined);
        })
        .catch((e: unknown) => setError(message(e))),
    [creator],
  );
  useEffect(() => {
    void load(true);
  }, [load]);
  // Decisions are pushed to the background as leads make them: shown within a second or two.
  const [decisions, setDecisions] = useState<{ list: CreatorDecisionView[]; live: boolean }>({
    list: [],
    live: false,
  });
  const seen = useRef('');
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const next = await send('creator.decisions', { creator });
        const signature = JSON.stringify(next);
        if (stopped || signature === seen.current) return;
        const hadBefore = seen.current !== '';
        seen.current = signature;
        setDecisions({ list: next.decisions, live: next.live });
        // An enforcement action also changes the timeline: read the history view again.
        if (hadBefore) void load(false);
      } catch (e: unknown) {
        console.warn('Flagpost: no decisions:', e);
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), DECISIONS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [creator, load]);

  if (error)
    return (
      <p class="error" role="alert">
        {t('riskLoadFailed', error)}
      </p>
    );
  if (!view) return <p role="status">{t('riskLoading')}</p>;
  return (
    <CreatorPanel
      view={view}
      policyTitle={titles.policy}
      ruleTitle={titles.rule}
      decisions={decisions.list}
      live={decisions.live}
      onCreate={async (text) => {
        await send('creator.note.create', { creator, text });
        await load(false);
      }}
      onEdit={async (id, text) => {
        await send('creator.note.edit', { id, text });
        await load(false);
      }}
      onDelete={async (id) => {
        await send('creator.note.delete', { id });
        await load(false);
      }}
    />
  );
}

const creator = creatorFromUrl();
void mountPage(
  () => (creator ? <Panel creator={creator} /> : <p class="error">{t('riskMissingCreator')}</p>),
  () => t('riskPanelTitle'),
);
