/**
 * Every key of the overlay card, listed in the card (`?` shows it; screen readers read it):
 * the browser command, then the shared key table's overlay entries (components/
 * triage-keymap.ts), the same table the side panel's help lists.
 */

import { useT } from '@/components/i18n-context';
import { triageHelp } from '@/components/triage-keymap';
import type { MessageKey } from '@/lib/i18n/keys';

// Built when the help is first shown, not when the content script loads (issue 20).
let shortcuts: readonly MessageKey[] | undefined;
const SHORTCUTS = (): readonly MessageKey[] => {
  shortcuts ??= ['shortcutCommand', ...triageHelp('overlay').map((line) => line.what)];
  return shortcuts;
};

export function ShortcutHelp(props: { id: string }) {
  const t = useT();
  return (
    <section id={props.id} class="keys" aria-label={t('overlayShortcuts')} data-testid="shortcuts">
      <h2>{t('overlayShortcuts')}</h2>
      <ul>
        {SHORTCUTS().map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </section>
  );
}
