import type { InputHTMLAttributes } from 'react';

interface FormFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
  /** Marked invalid without a message of its own (a banner above explains). */
  flagged?: boolean;
}

/** A labelled input with its hint and inline error, wired for screen readers. */
export function FormField({ id, label, hint, error, flagged, ...input }: FormFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`acc-field${error || flagged ? ' acc-field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-invalid={error || flagged ? true : undefined} aria-describedby={describedBy} {...input} />
      {hint && (
        <p className="acc-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="acc-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
