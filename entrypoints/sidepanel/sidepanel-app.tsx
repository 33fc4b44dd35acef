/** The reviewer's side panel: filters, the virtualised queue, bulk actions, keyboard triage. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import { BulkBar } from '@/components/sidepanel/bulk-bar';
import { FilterBar } from '@/components/sidepanel/filter-bar';
import { NoteDialog } from '@/components/sidepanel/note-dialog';
import { QueueList } from '@/components/sidepanel/queue-list';
import { QueueRowView } from '@/components/sidepanel/queue-row-view';
import { ShortcutsDialog } from '@/components/sidepanel/shortcuts-dialog';
import { SnapshotPreview } from '@/components/sidepanel/snapshot-preview';
import { StatusLine } from '@/components/sidepanel/status-line';
import { send } from '@/lib/messaging/client';
import type { BulkActionView, QueueFilterView } from '@/lib/messaging/workspace-messages';
import { withSnapshotHash } from '@/lib/shared/evidence/snapshot-link';
import { usePanelData } from './use-panel-data';
import { useQueueRows } from './use-queue-rows';
import { useSelection } from './use-selection';
import { useSnapshot } from './use-snapshot';
import { useTriageKeys } from './use-triage-keys';

const numberFormat = new Intl.NumberFormat();
const formatCount = (n: number) => numberFormat.format(n);
const formatTime = (iso: string) => new Date(iso).toLocaleString();

export function SidepanelApp() {
  const t = useT();
  const [filter, setFilter] = useState<QueueFilterView>({});
  const [generation, setGeneration] = useState(0);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [dialog, setDialog] = useState<'help' | 'note'>();

  const onError = useCallback(
    (error: unknown) =>
      setMessage({ text: error instanceof Error ? error.message : String(error), error: true }),
    [],
  );
  const rows = useQueueRows(filter, generation, onError);
  const { counts, policies, creatorKeys, undo } = usePanelData(filter, generation, onError);
  const selection = useSelection();
  const total = counts?.matching ?? 0;
  const activeSnapshot = rows.rowAt(active)?.snapshot;
  const snapshot = useSnapshot(activeSnapshot);
  const policyTitle = (id: string) => policies.find((p) => p.id === id)?.title ?? id;

  const changeFilter = useCallback(
    (next: QueueFilterView) => {
      setFilter(next);
      setActive(0);
      selection.clear();
    },
    [selection.clear],
  );
  useEffect(() => {
    if (active >= total && total > 0) setActive(total - 1);
  }, [active, total]);

  const updateActive = async (edit: { status?: 'confirmed' | 'dismissed'; note?: string }) => {
    const row = rows.rowAt(active);
    if (!row) return;
    try {
      const { evidence: _evidence, ...updated } = withSnapshotHash(
        await send('flag.update', { id: row.id, ...edit }),
      );
      rows.patch(updated);
      setMessage({
        text: edit.status
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
      return t('spBulkDone', [action, formatCount(result.affected)]);
    });

  const undoLast = () =>
    runBulk(async () => {
      const result = await send('queue.undo', {});
      return t('spUndone', [result.action, formatCount(result.restored)]);
    });

  useTriageKeys({
    onPolicySlot: (slot) => {
      const policy = policies[slot];
      if (policy) changeFilter({ ...filter, policyId: policy.id });
    },
    onClearPolicy: () => {
      const { policyId: _policy, ...rest } = filter;
      changeFilter(rest);
    },
    onMove: (delta) => setActive((i) => Math.max(0, Math.min(total - 1, i + delta))),
    onConfirm: () => void updateActive({ status: 'confirmed' }),
    onDismiss: () => void updateActive({ status: 'dismissed' }),
    onNote: () => rows.rowAt(active) && setDialog('note'),
    onSelect: (range) => toggleAt(active, range),
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
        onChange={changeFilter}
      />
      <BulkBar
        selectedCount={selectedCount}
        allMatching={selection.selection.all}
        matching={total}
        busy={busy}
        undo={undo}
        formatCount={formatCount}
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
          onActivate={setActive}
          onToggle={toggleAt}
        />
      )}
      {activeSnapshot && snapshot && (
        <SnapshotPreview sha256={activeSnapshot} image={snapshot.image} error={snapshot.error} />
      )}
      <ShortcutsDialog open={dialog === 'help'} onClose={() => setDialog(undefined)} />
      <NoteDialog
        open={dialog === 'note'}
        initial={rows.rowAt(active)?.note ?? ''}
        onClose={() => setDialog(undefined)}
        onSave={(note) => {
          setDialog(undefined);
          void updateActive({ note });
        }}
      />
    </main>
  );
}
