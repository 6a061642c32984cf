import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface PopoverProps {
  label: string;
  /** The panel; a function receives `close` for choices that end the interaction. */
  children: ReactNode | ((close: () => void) => ReactNode);
  pressed?: boolean;
  testId?: string;
  align?: 'start' | 'end';
}

/**
 * A toolbar button with a panel under it (column chooser, data quality, saved views). Closes on
 * Escape (focus back to the button) and on a click outside; the panel is in the tab order.
 */
export function Popover({ label, children, pressed, testId, align = 'start' }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const buttonId = useId();
  // A choice in the panel closes it and returns focus to the button (found by id: the panel's
  // content is rendered with this function, where React forbids reading refs).
  const close = useCallback(() => {
    setOpen(false);
    document.getElementById(buttonId)?.focus();
  }, [buttonId]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  return (
    <div
      className="popover"
      ref={root}
      data-testid={testId}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        id={buttonId}
        type="button"
        className={`button button--toolbar${pressed ? ' button--active' : ''}`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        <span aria-hidden="true" className="popover__caret">
          ▾
        </span>
      </button>
      {open && (
        <div id={panelId} className={`popover__panel popover__panel--${align}`}>
          {typeof children === 'function' ? children(close) : children}
        </div>
      )}
    </div>
  );
}
