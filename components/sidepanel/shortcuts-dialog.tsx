/** Every keyboard shortcut of the panel, in a dialog opened with `?`. */
import { useT } from '@/components/i18n-context';
import { ModalDialog } from './modal-dialog';
import { SHORTCUTS } from './shortcuts';

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useT();
  return (
    <ModalDialog open={open} labelId="shortcuts-title" testId="shortcuts-dialog" onClose={onClose}>
      <h2 id="shortcuts-title">{t('spShortcutsTitle')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('spShortcutKey')}</th>
            <th scope="col">{t('spShortcutAction')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{t(shortcut.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={onClose}>
        {t('spClose')}
      </button>
    </ModalDialog>
  );
}
