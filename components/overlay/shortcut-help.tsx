/** Every key of the overlay card, listed in the card (`?` shows it; screen readers read it). */

import { useT } from '@/components/i18n-context';
import type { MessageKey } from '@/lib/i18n/keys';

const SHORTCUTS: readonly MessageKey[] = [
  'shortcutCommand',
  'shortcutPick',
  'shortcutConfirm',
  'shortcutDismiss',
  'shortcutFlag',
  'shortcutNote',
  'shortcutNextItem',
  'shortcutClose',
  'shortcutHelp',
];

export function ShortcutHelp(props: { id: string }) {
  const t = useT();
  return (
    <section id={props.id} class="keys" aria-label={t('overlayShortcuts')} data-testid="shortcuts">
      <h2>{t('overlayShortcuts')}</h2>
      <ul>
        {SHORTCUTS.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </section>
  );
}
