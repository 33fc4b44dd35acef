/**
 * The overlay on one content item: a badge (worst severity and count of what needs the
 * reviewer's eye) that opens a card with the policy checks that matched, the item's flags
 * and notes, and the actions: confirm or dismiss a finding, flag manually, add a note.
 * Every page-derived string is rendered as a text node by Preact; nothing here builds HTML.
 */
import { type ComponentChildren, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { ChipInput } from '@/components/risk/chip-view';
import { RiskChip } from '@/components/risk/risk-chip';
import { decisionOf } from './badge-summary';
import { badgeView, cardIdOf } from './badge-view';
import {
  type Decision,
  FindingList,
  type FindingsState,
  type OverlayFinding,
} from './finding-list';
import { type FlagDraft, FlagForm, type PolicyOption } from './flag-form';
import { FlagList, type OverlayFlag } from './flag-list';
import { NoteForm } from './note-form';
import { ShortcutHelp } from './shortcut-help';
import { targetFinding, triageKeyOf } from './triage-keys';

export type { OverlayFlag } from './flag-list';
export interface OverlayNote {
  id: string;
  text: string;
}

export interface ItemOverlayProps {
  itemId: string;
  /**
   * Who posted the item and what it says, as the page gave it: each part is shown as text
   * in its own bidi isolate, so a right-to-left override in a handle cannot reorder the
   * separators or the parts after it.
   */
  summary?: readonly string[];
  flags: OverlayFlag[];
  notes: OverlayNote[];
  findings?: FindingsState;
  policies: PolicyOption[];
  error?: string;
  /** A confirm or dismiss is being saved. */
  busy?: boolean;
  onFlag: (draft: FlagDraft) => Promise<void>;
  onNote: (text: string) => Promise<void>;
  /** The note field typed out of the page's reach (see NoteForm's `field`). */
  noteField?: () => ComponentChildren;
  /** The flag form's note field, typed out of the page's reach likewise. */
  flagNoteField?: () => ComponentChildren;
  onDecide?: (finding: OverlayFinding, decision: Decision) => void;
  /** The card was opened: the moment to load what is stored about the item. */
  onOpen?: () => void;
  /** The creator's risk, drawn as a chip beside the badge; its click opens the creator. */
  risk?: ChipInput;
  onOpenCreator?: () => void;
  /** Changes each time the card must open and take focus (keyboard command, j/k). */
  openRequest?: number;
  /** j/k: open the next (1) or previous (-1) item's card on the page. */
  onStep?: (direction: 1 | -1) => void;
  /** What became of the last snapshot asked for (kept, or why not). */
  notice?: string | undefined;
}

type Mode = 'closed' | 'open' | 'flag' | 'note';

/** Policy titles from the findings: automatic flags name pack policies, not manual ones. */
const packTitles = (state: FindingsState): PolicyOption[] =>
  state.status === 'done'
    ? state.findings.map((f) => ({ id: f.policyId, title: f.title, severity: f.severity }))
    : [];
const NO_FINDINGS: FindingsState = { status: 'done', findings: [] };

export function ItemOverlay(props: ItemOverlayProps) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('closed');
  const badge = useRef<HTMLButtonElement>(null);
  const cardId = cardIdOf(props.itemId);
  const findings = props.findings ?? NO_FINDINGS;
  const view = badgeView(findings, props.flags, t);
  const card = useRef<HTMLElement>(null);
  const [picked, setPicked] = useState<number>();
  const [help, setHelp] = useState(false);
  // What to focus after the next render: the card, a finding, or a form's first field.
  const focusNext = useRef<string | undefined>(undefined);
  // A decision keyed while the item's flags were loading waits for them (no duplicates).
  const queued = useRef<'confirmed' | 'dismissed' | undefined>(undefined);
  const close = () => {
    setMode('closed');
    setHelp(false);
    badge.current?.focus();
  };
  const list = findings.status === 'done' ? findings.findings : [];
  const decide = (decision: 'confirmed' | 'dismissed') => {
    const target = targetFinding(list, picked, (f) => decisionOf(f, props.flags) !== undefined);
    if (target) props.onDecide?.(target, decision);
  };

  useEffect(() => {
    if (!props.openRequest) return;
    if (mode === 'closed') props.onOpen?.();
    setMode((current) => (current === 'closed' ? 'open' : current));
    focusNext.current = '.card';
  }, [props.openRequest]);
  useEffect(() => {
    if (!props.busy && queued.current) {
      const decision = queued.current;
      queued.current = undefined;
      decide(decision);
    }
  });
  useEffect(() => {
    const selector = focusNext.current;
    if (!selector || !card.current) return;
    const element = selector === '.card' ? card.current : card.current.querySelector(selector);
    // Not rendered yet (an earlier render's effects can run first): try after the next one.
    if (!element) return;
    focusNext.current = undefined;
    (element as HTMLElement).focus();
  });

  // A listener on the overlay's own element: it hears keys only while focus is inside it.
  const overlay = useRef<HTMLDivElement>(null);
  const keys = useRef<(event: KeyboardEvent) => void>(() => {});
  useEffect(() => {
    const element = overlay.current;
    const listener = (event: KeyboardEvent) => keys.current(event);
    element?.addEventListener('keydown', listener);
    return () => element?.removeEventListener('keydown', listener);
  }, []);
  keys.current = (event: KeyboardEvent) => {
    if (mode === 'closed') return;
    const action = triageKeyOf(event);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    switch (action.kind) {
      case 'close':
        return close();
      case 'pick':
        if (action.index >= list.length) return;
        setPicked(action.index);
        focusNext.current = `[data-testid="finding"]:nth-of-type(${action.index + 1})`;
        return;
      case 'decide':
        if (props.busy) queued.current = action.decision;
        else decide(action.decision);
        return;
      case 'flag':
      case 'note':
        setMode(action.kind);
        focusNext.current = action.kind === 'flag' ? 'select' : 'textarea, iframe';
        return;
      case 'step':
        // The next card takes over: this one closes (focus moves there, not to our badge).
        setMode('closed');
        setHelp(false);
        return props.onStep?.(action.direction);
      case 'help':
        return setHelp(!help);
    }
  };

  return (
    <div
      ref={overlay}
      class="overlay"
      data-testid="item-overlay"
      data-item-id={props.itemId}
      data-findings={findings.status}
    >
      {props.risk && (
        <span class="chip-slot">
          <RiskChip {...props.risk} onOpen={() => props.onOpenCreator?.()} />
        </span>
      )}
      <button
        ref={badge}
        type="button"
        class={view.className}
        data-testid="badge"
        data-count={view.count}
        aria-label={view.label}
        aria-expanded={mode !== 'closed'}
        aria-controls={cardId}
        onClick={() => {
          if (mode === 'closed') props.onOpen?.();
          setMode(mode === 'closed' ? 'open' : 'closed');
        }}
      >
        {view.text}
      </button>
      {mode !== 'closed' && (
        <section
          ref={card}
          class="card"
          id={cardId}
          role="dialog"
          tabIndex={-1}
          aria-label={t('overlayCardTitle')}
          data-testid="card"
        >
          <header class="row spread">
            <strong>{t('overlayCardTitle')}</strong>
            <button type="button" class="plain" aria-label={t('overlayClose')} onClick={close}>
              ×
            </button>
          </header>
          {props.summary && props.summary.length > 0 && (
            <p class="muted summary" data-testid="item-summary">
              {props.summary.map((part, i) => (
                <Fragment key={i}>
                  {i > 0 && ' · '}
                  <bdi>{part}</bdi>
                </Fragment>
              ))}
            </p>
          )}
          <h2>{t('overlayFindings')}</h2>
          <FindingList
            state={findings}
            flags={props.flags}
            busy={props.busy ?? false}
            selected={picked}
            onDecide={(finding, decision) => props.onDecide?.(finding, decision)}
          />
          <h2>{t('overlayFlags')}</h2>
          <FlagList flags={props.flags} policies={[...props.policies, ...packTitles(findings)]} />
          <h2>{t('overlayNotes')}</h2>
          {props.notes.length === 0 ? (
            <p class="muted">{t('overlayNoNotes')}</p>
          ) : (
            <ul data-testid="note-list">
              {props.notes.map((note) => (
                <li key={note.id} data-testid="note">
                  {note.text}
                </li>
              ))}
            </ul>
          )}
          {props.notice && (
            <p class="muted" role="status" data-testid="snapshot-notice">
              {props.notice}
            </p>
          )}
          {props.error && (
            <p class="error" role="alert">
              {t('errorPrefix', props.error)}
            </p>
          )}
          {mode === 'flag' && (
            <FlagForm
              noteField={props.flagNoteField?.()}
              policies={props.policies}
              onCancel={() => setMode('open')}
              onSubmit={async (draft) => {
                await props.onFlag(draft);
                setMode('open');
                focusNext.current = '.card';
              }}
            />
          )}
          {mode === 'note' && (
            <NoteForm
              field={props.noteField?.()}
              onCancel={() => setMode('open')}
              onSubmit={async (text) => {
                await props.onNote(text);
                setMode('open');
              }}
            />
          )}
          {mode === 'open' && (
            <div class="row">
              <button type="button" class="primary" onClick={() => setMode('flag')}>
                {t('overlayFlagAction')}
              </button>
              <button type="button" onClick={() => setMode('note')}>
                {t('overlayNoteAction')}
              </button>
              <button
                type="button"
                aria-label={t('overlayShortcuts')}
                aria-expanded={help}
                aria-controls={`${cardId}-keys`}
                onClick={() => setHelp(!help)}
              >
                ?
              </button>
            </div>
          )}
          {help && <ShortcutHelp id={`${cardId}-keys`} />}
        </section>
      )}
    </div>
  );
}
