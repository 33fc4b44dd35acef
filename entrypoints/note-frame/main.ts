/**
 * The overlay's note field, as an extension page in a frame inside the overlay: keys typed
 * here go to this document, in the extension's process, and no event reaches the page. The
 * text goes to the background's draft (draft-handlers.ts) as it is typed, never to the
 * content script; the note is created from the draft by its ticket (this page's hash).
 */
import { browser } from 'wxt/browser';
import { send } from '@/lib/messaging/client';

/** Asks the overlay to save the form (entrypoints/content/secure-field.tsx listens). */
const SAVE_MESSAGE = 'flagpost-note-frame-save';

/** Writes at most this often while typing (the last write always goes). */
const WRITE_EVERY_MS = 150;

async function main() {
  const field = document.querySelector('textarea');
  const ticket = location.hash.slice(1);
  if (!field || !/^[0-9a-f]{32}$/.test(ticket)) return;
  const { text, label } = await send('draft.read', { ticket });
  field.value = text;
  field.setAttribute('aria-label', label);
  document.documentElement.lang = navigator.language;
  field.disabled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    timer = undefined;
    void send('draft.write', { ticket, text: field.value });
  };
  field.addEventListener('input', () => {
    timer ??= setTimeout(write, WRITE_EVERY_MS);
  });
  // Ctrl+Enter (Cmd+Enter) saves the form around the frame: the overlay is told by a message
  // that carries nothing but that (the page may see it; it learns only that Save was asked).
  field.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
    event.preventDefault();
    window.parent.postMessage(SAVE_MESSAGE, '*');
  });
  // Leaving the field (to press Save) writes at once, so the save finds the whole text.
  field.addEventListener('blur', () => {
    if (timer !== undefined) clearTimeout(timer);
    write();
  });
  // Save: the background asks for the text as it is now (its last write may be in flight).
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: { id?: string; tab?: unknown }) => {
      const asked = (message as { flagpostDraft?: unknown } | null)?.flagpostDraft;
      if (sender.id !== browser.runtime.id || sender.tab !== undefined || asked !== ticket)
        return undefined;
      return Promise.resolve({ text: field.value });
    },
  );
  if (new URLSearchParams(location.search).has('focus')) field.focus();
}

void main();
