/**
 * A native modal <dialog>: the browser traps focus, closes it on Escape and returns focus to
 * where it was, which is what screen-reader and keyboard users expect.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ModalDialogProps {
  open: boolean;
  labelId: string;
  testId: string;
  onClose(): void;
  children: ComponentChildren;
}

export function ModalDialog({ open, labelId, testId, onClose, children }: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog ref={dialog} aria-labelledby={labelId} data-testid={testId} onClose={onClose}>
      {open && children}
    </dialog>
  );
}
