/**
 * The overlay's note field: a frame showing the extension's note-frame page, so what the
 * reviewer types never raises a key or input event in the page (see
 * entrypoints/note-frame/main.ts). It opens the item's draft and hands its ticket to the
 * form, which saves the note by ticket.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/translate';
import { send } from '@/lib/messaging/client';
import type { ItemRef } from '@/lib/shared/protocol/records';

/** The frame's Ctrl+Enter (see entrypoints/note-frame/main.ts). */
const SAVE_MESSAGE = 'flagpost-note-frame-save';

export function SecureNoteField(props: {
  item: ItemRef;
  purpose: 'note' | 'flag-note' | 'escalation-reason';
  onTicket: (ticket: string | undefined) => void;
  onError: (message: string) => void;
}) {
  const [ticket, setTicket] = useState<string>();
  const frame = useRef<HTMLIFrameElement>(null);
  // Ctrl+Enter typed in the frame: it asks (entrypoints/note-frame/main.ts) and its form
  // saves. Only a message from this very frame counts; the page cannot post as it.
  useEffect(() => {
    const element = frame.current;
    const view = element?.ownerDocument.defaultView;
    if (!element || !view) return;
    const onMessage = (event: MessageEvent) => {
      if (event.source !== element.contentWindow || event.data !== SAVE_MESSAGE) return;
      element.closest('form')?.requestSubmit();
    };
    view.addEventListener('message', onMessage);
    return () => view.removeEventListener('message', onMessage);
  }, [ticket]);
  useEffect(() => {
    let live = true;
    send('draft.open', { item: props.item, purpose: props.purpose })
      .then(({ ticket: opened }) => {
        if (!live) return;
        setTicket(opened);
        props.onTicket(opened);
      })
      .catch((error: unknown) =>
        props.onError(error instanceof Error ? error.message : String(error)),
      );
    return () => {
      live = false;
      props.onTicket(undefined);
    };
  }, [props.item.itemId]);
  if (!ticket) return null;
  // A note form opens on its field; the flag and escalate forms open on their first choice,
  // the field is later.
  const focus = props.purpose === 'note' ? '?focus' : '';
  const src = `${browser.runtime.getURL('/note-frame.html' as '/')}${focus}#${ticket}`;
  return (
    <iframe
      ref={frame}
      class="secure-field"
      data-testid="note-field"
      title={t(props.purpose === 'escalation-reason' ? 'reasonFieldTitle' : 'noteFieldTitle')}
      src={src}
      // The frame is the extension's own page; it needs nothing from the page around it.
      referrerpolicy="no-referrer"
    />
  );
}
