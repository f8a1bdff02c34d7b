import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  children: ReactNode;
  /** Escape closes the dialog only when this is given: the backup codes must be acknowledged, not dismissed. */
  onClose?: () => void;
  description?: string;
}

/**
 * A modal dialog: focus moves in, Tab cycles inside it, the page behind is inert, and focus returns to where it
 * was when the dialog closes.
 */
export function Dialog({ title, children, onClose, description }: DialogProps) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  // Read while rendering: by the time effects run, an autoFocus field inside has already taken focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));

  useEffect(() => {
    const root = document.getElementById('root');
    root?.setAttribute('inert', '');
    if (!panel.current?.contains(document.activeElement)) {
      (panel.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current)?.focus();
    }
    return () => {
      root?.removeAttribute('inert');
      opener?.focus();
    };
  }, [opener]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape' && onClose) {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) {
      return;
    }
    const focusable = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={panel}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-description` : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {description ? (
          <p id={`${id}-description`} className="dialog-description">
            {description}
          </p>
        ) : null}
        {children}
      </div>
    </div>,
    document.body,
  );
}
