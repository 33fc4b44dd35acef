/** The reviewer's side panel: order, filters, the virtualised queue, bulk actions, keyboard triage. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EscalateDialog } from '@/components/escalation/escalate-dialog';
import { EscalationReceipts } from '@/components/escalation/escalation-receipts';
import { useT } from '@/components/i18n-context';
import { BulkBar } from '@/components/sidepanel/bulk-bar';
import { FilterBar, POLICY_FILTER_TEST_ID } from '@/components/sidepanel/filter-bar';
import { readFilterLink } from '@/components/sidepanel/filter-url';
import { bulkActionKey } from '@/components/sidepanel/labels';
import { NoteDialog } from '@/components/sidepanel/note-dialog';
import { QueueList } from '@/components/sidepanel/queue-list';
import { QueueRowView } from '@/components/sidepanel/queue-row-view';
import { RowDetail } from '@/components/sidepanel/row-detail';
import { ShortcutsDialog } from '@/components/sidepanel/shortcuts-dialog';
import { SnapshotPreview } from '@/components/sidepanel/snapshot-preview';
import { StatusLine } from '@/components/sidepanel/status-line';
import { formats } from '@/lib/i18n/format';
import { send } from '@/lib/messaging/client';
import type {
  BulkActionView,
  QueueFilterView,
  QueueRow,
  QueueSortView,
} from '@/lib/messaging/workspace-messages';
import { withSnapshotHash } from '@/lib/shared/evidence/snapshot-link';
import { localDayNoon } from '@/lib/shared/local-day';
import { useEscalations } from './use-escalations';
import { usePanelData } from './use-panel-data';
import { useQueueRows } from './use-queue-rows';
import { useSelection } from './use-selection';
import { useSnapshot } from './use-snapshot';
import { useTriageKeys } from './use-triage-keys';

const formatCount = (n: number) => formats().number(n);
const formatTime = (iso: string) => formats().dateTime(iso);
// A day filter's day at local noon, so no time zone can show it as the day before.
const formatDay = (day: string) => formats().date(localDayNoon(day).getTime());
/** Read once: the filter the panel was opened with, and what in its link did not fit. */
const opened = readFilterLink(location.search);

const creatorHref = (row: QueueRow) =>
  row.item.creatorId
    ? `${browser.runtime.getURL('/creator.html')}?${new URLSearchParams({
        platform: row.item.platform,
        creatorId: row.item.creatorId,
      })}`
    : undefined;

export function SidepanelApp() {
  const t = useT();
  // The dashboard's charts open the panel on their slice (sidepanel.html?policyId=...).
  const [filter, setFilter] = useState<QueueFilterView>(opened.filter);
  const [sort, setSort] = useState<QueueSortView>('priority');
  const [generation, setGeneration] = useState(0);
  const [active, setActiveState] = useState(0);
  // Keys can come faster than renders: the flag a key acts on is read from here, so a
  // second `c` acts on the next flag even before the panel has drawn the first decision.
  const activeRef = useRef(0);
  const viewStart = useRef(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(() =>
    opened.problems.length > 0
      ? { text: t('spBadFilterLink', opened.problems.join('; ')), error: true }
      : undefined,
  );
  const [dialog, setDialog] = useState<'help' | 'note' | 'escalate'>();
  const escalations = useEscalations();
  const [escalateError, setEscalateError] = useState<string>();

  const setActive = useCallback((index: number) => {
    activeRef.current = index;
    setActiveState(index);
  }, []);
  const onError = useCallback(
    (error: unknown) =>
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true }),
    [],
  );
  const rows = useQueueRows(filter, sort, generation, onError);
  const { counts, policies, titles, creatorKeys, undo } = usePanelData(filter, generation, onError);
  const selection = useSelection();
  const total = counts?.matching ?? 0;
  const activeRow = rows.rowAt(active);
  const activeSnapshot = activeRow?.snapshot;
  const snapshot = useSnapshot(activeSnapshot);
  const policyTitle = titles.policy;

  const changeFilter = useCallback(
    (next: QueueFilterView) => {
      setFilter(next);
      setActive(0);
      selection.clear();
    },
    [selection.clear, setActive],
  );
  const changeSort = (next: QueueSortView) => {
    setSort(next);
    setActive(0);
  };
  // Past the last row is allowed (everything decided); beyond it, when the queue shrank, not.
  useEffect(() => {
    if (active > total) setActive(total);
  }, [active, total, setActive]);

  const update = async (
    row: QueueRow,
    edit: { status?: 'confirmed' | 'dismissed'; note?: string },
    last = false,
  ) => {
    try {
      const { evidence: _evidence, ...updated } = withSnapshotHash(
        await send('flag.update', { id: row.id, ...edit }),
      );
      // The row keeps what the list shows beside the flag (its rank, its evidence words).
      rows.patch({
        ...updated,
        ...(row.rank ? { rank: row.rank } : {}),
        ...(row.evidenceText ? { evidenceText: row.evidenceText } : {}),
      });
      setMessage({
        text: last
          ? t('spEndOfQueue')
          : edit.status
            ? t(
                edit.status === 'confirmed' ? 'spConfirmedOne' : 'spDismissedOne',
                policyTitle(row.policyId),
              )
            : t('spNoteSaved'),
        error: false,
      });
    } catch (error) {
      onError(error);
    }
  };

  /** c / d: decide the active flag and move on at once, so the next key is for the next flag. */
  const decide = (status: 'confirmed' | 'dismissed') => {
    const index = activeRef.current;
    const row = rows.rowAt(index);
    if (!row) return;
    setActive(Math.min(index + 1, total));
    void update(row, { status }, index + 1 >= total);
  };

  const toggleAt = (index: number, range: boolean) => {
    const row = rows.rowAt(index);
    if (!row) return;
    const { anchor } = selection.selection;
    if (range && anchor >= 0)
      selection.selectRange(
        rows.loadedBetween(anchor, index).map((r) => r.id),
        index,
      );
    else selection.toggle(row.id, index);
  };

  const runBulk = async (run: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await run(), error: false });
      selection.clear();
      setGeneration((g) => g + 1);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const bulk = (action: BulkActionView, reason: string) =>
    runBulk(async () => {
      const { all, ids } = selection.selection;
      const result = await send('queue.bulk', {
        action,
        reason,
        selection: all ? { filter } : { ids: [...ids] },
      });
      return t('spBulkDone', [t(bulkActionKey(action)), formatCount(result.affected)]);
    });

  const undoLast = () =>
    runBulk(async () => {
      const result = await send('queue.undo', {});
      return t('spUndone', [t(bulkActionKey(result.action)), formatCount(result.restored)]);
    });

  useTriageKeys({
    onPick: (index) => {
      const target = viewStart.current + index;
      if (target < total) setActive(target);
    },
    onDecide: decide,
    onStep: (delta) => setActive(Math.max(0, Math.min(total, activeRef.current + delta))),
    onNote: () => rows.rowAt(activeRef.current) && setDialog('note'),
    onSelect: (range) => toggleAt(activeRef.current, range),
    onPolicyFilter: () =>
      document
        .querySelector<HTMLSelectElement>(`[data-testid="${POLICY_FILTER_TEST_ID}"]`)
        ?.focus(),
    onHelp: () => setDialog('help'),
  });

  const selectedCount = selection.selection.all ? total : selection.selection.ids.size;
  return (
    <main class="sidepanel">
      <header class="panel-header">
        <h1>{t('spTitle')}</h1>
        <p data-testid="matching-count">
          {counts ? t('spMatching', formatCount(counts.matching)) : t('spCounting')}
        </p>
        <button type="button" onClick={() => setDialog('help')} aria-keyshortcuts="?">
          {t('spShortcutsButton')}
        </button>
      </header>
      <FilterBar
        filter={filter}
        policies={policies}
        creatorKeys={creatorKeys}
        statusCounts={counts?.byStatus}
        formatCount={formatCount}
        formatDay={formatDay}
        onChange={changeFilter}
        sort={sort}
        onSortChange={changeSort}
      />
      <BulkBar
        selectedCount={selectedCount}
        allMatching={selection.selection.all}
        matching={total}
        busy={busy}
        undo={undo}
        formatCount={formatCount}
        actionName={(action) => t(bulkActionKey(action))}
        onSelectAllMatching={selection.selectAll}
        onClearSelection={selection.clear}
        onAction={(action, reason) => void bulk(action, reason)}
        onUndo={() => void undoLast()}
      />
      <StatusLine message={message} />
      {counts && total === 0 ? (
        <p class="empty" data-testid="queue-empty">
          {t('spEmpty')}
        </p>
      ) : (
        <QueueList
          total={total}
          rowAt={rows.rowAt}
          activeIndex={active}
          isSelected={(row) => selection.isSelected(row.id)}
          renderRow={(row) => (
            <QueueRowView
              row={row}
              policyTitle={policyTitle(row.policyId)}
              selected={selection.isSelected(row.id)}
              formatTime={formatTime}
            />
          )}
          onVisibleRange={rows.ensure}
          onViewStart={(index) => {
            viewStart.current = index;
          }}
          onActivate={setActive}
          onToggle={toggleAt}
        />
      )}
      {activeRow && (
        <RowDetail
          row={activeRow}
          policyTitle={policyTitle(activeRow.policyId)}
          ruleTitle={
            activeRow.ruleId ? titles.rule(activeRow.policyId, activeRow.ruleId) : undefined
          }
          creatorHref={creatorHref(activeRow)}
          formatTime={formatTime}
          formatNumber={formatCount}
        />
      )}
      {activeRow && (
        <button
          type="button"
          class="escalate"
          data-testid="escalate-open"
          onClick={() => {
            setEscalateError(undefined);
            setDialog('escalate');
          }}
        >
          {t('escalationAction')}
        </button>
      )}
      {escalations.status && (
        <EscalationReceipts status={escalations.status} formatTime={formatTime} />
      )}
      {activeSnapshot && snapshot && (
        <SnapshotPreview sha256={activeSnapshot} image={snapshot.image} error={snapshot.error} />
      )}
      <EscalateDialog
        open={dialog === 'escalate'}
        snapshot={activeSnapshot}
        error={escalateError}
        onClose={() => setDialog(undefined)}
        onSubmit={(request) => {
          if (!activeRow) return;
          send('escalation.create', { flagId: activeRow.id, ...request }).then(
            () => {
              setDialog(undefined);
              void escalations.refresh();
            },
            (error: unknown) =>
              setEscalateError(error instanceof Error ? error.message : String(error)),
          );
        }}
      />
      <ShortcutsDialog open={dialog === 'help'} onClose={() => setDialog(undefined)} />
      <NoteDialog
        open={dialog === 'note'}
        initial={activeRow?.note ?? ''}
        onClose={() => setDialog(undefined)}
        onSave={(note) => {
          setDialog(undefined);
          if (activeRow) void update(activeRow, { note });
        }}
      />
    </main>
  );
}
