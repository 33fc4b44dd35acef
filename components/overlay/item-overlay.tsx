/**
 * The overlay on one content item: a badge (worst severity and count of what needs the
 * reviewer's eye) that opens a card with the policy checks that matched, the item's flags
 * and notes, and the actions: confirm or dismiss a finding, flag manually, add a note.
 * Every page-derived string is rendered as a text node by Preact; nothing here builds HTML.
 */
import { type ComponentChildren, Fragment } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useT } from '@/components/i18n-context';
import type { ChipInput } from '@/components/risk/chip-view';
import { RiskChip } from '@/components/risk/risk-chip';
import type { EscalationView } from '@/lib/messaging/escalation-messages';
import { decisionOf } from './badge-summary';
import { badgeView, cardIdOf } from './badge-view';
import { type Box, placeCard } from './card-placement';
import { type EscalateDraft, EscalateForm } from './escalate-form';
import { EscalationReceipt } from './escalation-receipt';
import {
  type Decision,
  FindingList,
  type FindingsState,
  type OverlayFinding,
} from './finding-list';
import { type FlagDraft, FlagForm, type PolicyOption } from './flag-form';
import { FlagList, type OverlayFlag } from './flag-list';
import { NoteForm } from './note-form';
import { claimOpenCard } from './open-card';
import { ShortcutHelp } from './shortcut-help';
import { type TriageKey, targetFinding, triageKeyOf } from './triage-keys';

/** What an escalation from the card is about: a finding (flagged first if need be) or a flag. */
export type EscalateTarget =
  | { kind: 'finding'; finding: OverlayFinding }
  | { kind: 'flag'; flag: OverlayFlag };

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
  /** The card opened (true) or closed (false), however it happened. */
  onOpenChange?: (open: boolean) => void;
  /** The creator's risk, drawn as a chip beside the badge; its click opens the creator. */
  risk?: ChipInput;
  onOpenCreator?: () => void;
  /** Changes each time the card must open and take focus (keyboard command, j/k). */
  openRequest?: number;
  /** j/k: open the next (1) or previous (-1) item's card on the page; false: there is none. */
  onStep?: (direction: 1 | -1) => boolean;
  /**
   * The next key pressed for this card after j/k or the open command selected it and before
   * it had focus (entrypoints/content/key-handoff.ts): taken, in order, once it has.
   */
  takeKey?: () => TriageKey | undefined;
  /** What became of the last snapshot asked for (kept, or why not). */
  notice?: string | undefined;
  /** The escalations of the item's flags, by flag id, with their receipts. */
  escalations?: Readonly<Record<string, EscalationView>>;
  formatTime?: (iso: string) => string;
  /** Escalate to a lead; rejects with the reason it was refused (shown in the form). */
  onEscalate?: (target: EscalateTarget, draft: EscalateDraft) => Promise<void>;
  /** The escalation reason's field, typed out of the page's reach likewise. */
  escalateField?: () => ComponentChildren;
}

type Mode = 'closed' | 'open' | 'flag' | 'note' | 'escalate';

/**
 * The marked evidence of the item whose overlay is `overlay`, in viewport coordinates: the
 * evidence layers (lib/page/overlay/evidence-marks.ts) follow the same element as the
 * overlay's box, so they are the shown layers placed exactly where the box is.
 */
function evidenceBoxes(overlay: HTMLElement): Box[] {
  const box = overlay.parentElement;
  const root = overlay.getRootNode() as ParentNode;
  if (!box || typeof root.querySelectorAll !== 'function') return [];
  const out: Box[] = [];
  for (const layer of root.querySelectorAll<HTMLElement>('.marks')) {
    // Both are moved to the same corner of the same element (lib/page/overlay/anchor.ts).
    if (layer.hidden || layer.style.transform !== box.style.transform) continue;
    for (const mark of layer.querySelectorAll('.mark')) {
      const r = mark.getBoundingClientRect();
      out.push({ left: r.left, top: r.top, width: r.width, height: r.height });
    }
  }
  return out;
}

/** Without a formatter passed in, a receipt's time shows as the endpoint wrote it. */
const asWritten = (iso: string) => iso;

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
  const [picked, setPickedState] = useState<number>();
  // Read at the moment a key acts: a key pressed before the pick's render must see it.
  const pickedNow = useRef<number | undefined>(undefined);
  const setPicked = (index: number | undefined) => {
    pickedNow.current = index;
    setPickedState(index);
  };
  const [help, setHelp] = useState(false);
  // What to focus after the next render: the card, a finding, or a form's first field.
  const focusNext = useRef<string | undefined>(undefined);
  // The focus asked for could not be given (the box is shown only at its first placement,
  // a frame after the card is drawn): it is given when the card is shown, unless focus went
  // meanwhile to something of the page's own.
  const focusMissed = useRef(false);
  // A decision keyed while the item's flags were loading waits for them (no duplicates).
  // Keys pressed faster than the saves wait in order, each for the next undecided finding.
  const queued = useRef<Array<'confirmed' | 'dismissed'>>([]);
  const [escalating, setEscalating] = useState<{
    target: EscalateTarget;
    subject: string;
    category?: string | undefined;
  }>();
  const [refusal, setRefusal] = useState<string>();
  const shut = () => {
    setMode('closed');
    setHelp(false);
    setEscalating(undefined);
    setRefusal(undefined);
  };
  const close = () => {
    shut();
    badge.current?.focus();
  };
  const list = findings.status === 'done' ? findings.findings : [];
  // Findings decided here whose flag the item's flags do not show yet: a second key pressed
  // before the card redraws as busy must move on, not decide the same finding again.
  const sent = useRef(new Set<OverlayFinding>());
  useEffect(() => sent.current.clear(), [props.flags]);
  const isDecided = (f: OverlayFinding) =>
    sent.current.has(f) || decisionOf(f, props.flags) !== undefined;
  const decide = (decision: 'confirmed' | 'dismissed') => {
    const target = targetFinding(list, pickedNow.current, isDecided);
    // The decision moves on: the next c / d acts on the next undecided finding, never on
    // this one again.
    setPicked(undefined);
    if (!target) return;
    sent.current.add(target);
    props.onDecide?.(target, decision);
  };
  const escalationOf = (flag: OverlayFlag | undefined) =>
    flag ? props.escalations?.[flag.id] : undefined;
  const isEscalated = (finding: OverlayFinding) =>
    escalationOf(decisionOf(finding, props.flags)) !== undefined;
  const titleOf = (policyId: string) =>
    [...props.policies, ...packTitles(findings)].find((p) => p.id === policyId)?.title ?? policyId;
  /** Opens the escalate form on the picked finding, else the first undecided, else a flag. */
  const startEscalation = (chosen?: OverlayFinding) => {
    const finding =
      chosen ??
      (pickedNow.current !== undefined ? list[pickedNow.current] : undefined) ??
      list.find((f) => !isDecided(f)) ??
      list.find((f) => decisionOf(f, props.flags)?.status !== 'dismissed');
    const flag = props.flags.find((f) => !f.deleted && f.status !== 'dismissed');
    const target: EscalateTarget | undefined = finding
      ? { kind: 'finding', finding }
      : flag
        ? { kind: 'flag', flag }
        : undefined;
    if (!target) {
      setRefusal(t('escalationNothingToEscalate'));
      return;
    }
    setRefusal(undefined);
    setEscalating({
      target,
      subject: target.kind === 'finding' ? target.finding.title : titleOf(target.flag.policyId),
      category: target.kind === 'finding' ? target.finding.escalationCategory : undefined,
    });
    setMode('escalate');
    focusNext.current = 'form select';
  };

  useEffect(() => {
    if (!props.openRequest) return;
    if (mode === 'closed') props.onOpen?.();
    setMode((current) => (current === 'closed' ? 'open' : current));
    focusNext.current = '.card';
    focusMissed.current = false;
    // Already open (asked again): no render follows, so the card takes focus now.
    takeFocus();
  }, [props.openRequest]);
  // Findings still being read count as busy: a key pressed then has nothing to act on yet
  // and would be lost (the live page's card, opened as its findings arrive).
  const waiting = props.busy === true || findings.status === 'pending';
  useEffect(() => {
    const decision = waiting ? undefined : queued.current.shift();
    if (decision) decide(decision);
  });
  /**
   * Gives focus where it was asked for, then hands the card the keys pressed for it before
   * it had focus (after j/k selected it). A focus that does not take (the card's box is
   * not shown yet) is tried again after the next render or when the card is shown.
   */
  const takeFocus = () => {
    const selector = focusNext.current;
    if (!selector || !card.current) return;
    const element =
      selector === '.card' ? card.current : card.current.querySelector<HTMLElement>(selector);
    // Not rendered yet (an earlier render's effects can run first): try after the next one.
    if (!element) return;
    const root = element.getRootNode() as Document | ShadowRoot;
    const doc = element.ownerDocument;
    const active = doc.activeElement;
    const ours =
      !active ||
      active === doc.body ||
      active === doc.documentElement ||
      (root instanceof ShadowRoot && active === root.host);
    if (focusMissed.current && !ours) {
      // The reviewer went on in the page meanwhile: focus is not taken back from there.
      focusNext.current = undefined;
      focusMissed.current = false;
      return;
    }
    element.focus();
    focusMissed.current = root.activeElement !== element;
    if (focusMissed.current) return;
    focusNext.current = undefined;
    handOver();
  };
  const latestTakeFocus = useRef(takeFocus);
  latestTakeFocus.current = takeFocus;
  /** Acts on the keys held for this card, in order, as if pressed now that it has focus. */
  const handOver = () => {
    // After a j or k that moved on, the keys held are the next card's: none is taken here.
    const goesOn = new Set<TriageKey['kind']>(['decide', 'pick', 'help', 'step']);
    for (let key = props.takeKey?.(); key; key = props.takeKey?.()) {
      act(key);
      if (!goesOn.has(key.kind)) {
        // The card closed or a form took focus: the keys after it would not have reached
        // the card; they are not replayed.
        let rest = props.takeKey?.();
        while (rest) rest = props.takeKey?.();
        return;
      }
    }
  };
  // Before paint: a key pressed as soon as the card shows must already find focus in it.
  useLayoutEffect(() => takeFocus());

  // One card open at a time; a click outside the card or Escape anywhere on the page closes
  // it (the page may have taken focus after a mouse action: the card's own keys no longer
  // hear anything then). Only the reviewer's own events count, never ones a script made.
  const isOpen = mode !== 'closed';
  useEffect(() => props.onOpenChange?.(isOpen), [isOpen]);
  useEffect(() => {
    const host = overlay.current;
    if (!isOpen || !host) return;
    const release = claimOpenCard(shut);
    const doc = host.ownerDocument;
    const root = host.getRootNode();
    const layer = root instanceof ShadowRoot ? root.host : undefined;
    const outside = (event: Event) => {
      if (!event.isTrusted) return;
      const path = event.composedPath();
      if (path.includes(host)) return;
      // Inside the overlay layer: its closed root hides where from the document; the root's
      // own listener (below) sees it.
      if (event.currentTarget === doc && layer && path.includes(layer)) return;
      shut();
    };
    const onEscape = (event: KeyboardEvent) => {
      if (!event.isTrusted || event.key !== 'Escape' || event.defaultPrevented) return;
      const active = doc.activeElement;
      shut();
      // Focus goes back to the badge unless the reviewer is in one of the page's own fields.
      if (!active || active === doc.body || active === layer) badge.current?.focus();
    };
    doc.addEventListener('pointerdown', outside, true);
    if (root !== doc) root.addEventListener('pointerdown', outside, true);
    doc.addEventListener('keydown', onEscape);
    return () => {
      release();
      doc.removeEventListener('pointerdown', outside, true);
      if (root !== doc) root.removeEventListener('pointerdown', outside, true);
      doc.removeEventListener('keydown', onEscape);
    };
  }, [isOpen]);

  // The card goes beside or below the evidence it lists, never over it; again whenever its
  // size changes (a form opens, the flags load).
  const place = () => {
    const element = card.current;
    const host = overlay.current;
    const anchor = badge.current;
    const view = host?.ownerDocument.defaultView;
    if (!element || !host || !anchor || !view) return;
    const origin = host.getBoundingClientRect();
    const at = placeCard({
      anchor: anchor.getBoundingClientRect(),
      card: { width: element.offsetWidth, height: element.offsetHeight },
      evidence: evidenceBoxes(host),
      viewport: { width: view.innerWidth, height: view.innerHeight },
    });
    element.style.right = 'auto';
    element.style.left = `${Math.round(at.left - origin.left)}px`;
    element.style.top = `${Math.round(at.top - origin.top)}px`;
  };
  useLayoutEffect(() => {
    const element = card.current;
    if (!isOpen || !element) return;
    place();
    const view = element.ownerDocument.defaultView;
    if (!view?.ResizeObserver) return;
    let last = element.offsetHeight;
    const observer = new view.ResizeObserver(() => {
      // The card's box is shown (it was drawn hidden, before its first placement).
      latestTakeFocus.current();
      if (element.offsetHeight === last) return;
      last = element.offsetHeight;
      place();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isOpen]);

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
    // A key the page dispatched (it can reach the card when the root is open) is not ours.
    if (mode === 'closed' || !event.isTrusted) return;
    const action = triageKeyOf(event);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    act(action);
  };
  /** One card key, pressed in the card or held for it while it opened. */
  const act = (action: TriageKey) => {
    switch (action.kind) {
      case 'close':
        return close();
      case 'pick':
        if (action.index >= list.length) return;
        setPicked(action.index);
        focusNext.current = `[data-testid="finding"]:nth-of-type(${action.index + 1})`;
        return;
      case 'decide':
        if (waiting || queued.current.length > 0) queued.current.push(action.decision);
        else decide(action.decision);
        return;
      case 'flag':
      case 'note':
        setMode(action.kind);
        focusNext.current = action.kind === 'flag' ? 'select' : 'textarea, iframe';
        return;
      case 'escalate':
        return startEscalation();
      case 'step':
        // The next card takes over: this one closes (focus moves there, not to our badge).
        // With no item that way (the end of what the feed has loaded so far) this card stays
        // open with focus, so the keys pressed next are still its, not the page's.
        if (props.onStep?.(action.direction)) shut();
        return;
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
          if (mode === 'closed') {
            props.onOpen?.();
            setMode('open');
          } else shut();
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
          {/* A form opens at the top, its Save in view (and kept there: a sticky footer). */}
          {mode === 'flag' && (
            <FlagForm
              noteField={props.flagNoteField?.()}
              policies={props.policies}
              initialPolicy={targetFinding(list, picked, isDecided)?.policyId}
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
          {mode === 'escalate' && escalating && (
            <EscalateForm
              subject={escalating.subject}
              initialCategory={escalating.category}
              field={props.escalateField?.()}
              onCancel={() => {
                setEscalating(undefined);
                setMode('open');
              }}
              onSubmit={async (draft) => {
                if (!props.onEscalate) return;
                await props.onEscalate(escalating.target, draft);
                setEscalating(undefined);
                setMode('open');
                focusNext.current = '.card';
              }}
            />
          )}
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
            {...(props.onEscalate ? { onPropose: startEscalation } : {})}
            isEscalated={isEscalated}
          />
          <h2>{t('overlayFlags')}</h2>
          <FlagList
            flags={props.flags}
            policies={[...props.policies, ...packTitles(findings)]}
            extra={(flag) => {
              const view = escalationOf(flag);
              return (
                view && <EscalationReceipt view={view} formatTime={props.formatTime ?? asWritten} />
              );
            }}
          />
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
          {refusal && (
            <p class="error" role="alert" data-testid="escalate-refusal">
              {refusal}
            </p>
          )}
          {mode === 'open' && (
            <div class="row">
              <button type="button" class="primary" onClick={() => setMode('flag')}>
                {t('overlayFlagAction')}
              </button>
              <button type="button" onClick={() => setMode('note')}>
                {t('overlayNoteAction')}
              </button>
              {props.onEscalate && (
                <button type="button" data-testid="escalate-open" onClick={() => startEscalation()}>
                  {t('escalationAction')}
                </button>
              )}
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
