import { forwardRef, useEffect, useId, useState } from 'react';

export interface QuickFilterProps {
  value: string;
  onChange: (value: string) => void;
}

/**
 * Search across every text column of the data set (SQLite full text). Applied after a short
 * pause so typing does not send a query per keystroke; Escape clears it.
 */
export const QuickFilter = forwardRef<HTMLInputElement, QuickFilterProps>(function QuickFilter({ value, onChange }, ref) {
  const [text, setText] = useState(value);
  const id = useId();
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = window.setTimeout(() => onChange(text), 250);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);

  return (
    <div className="quick-filter">
      <label className="visually-hidden" htmlFor={id}>
        Search all columns
      </label>
      <input
        ref={ref}
        id={id}
        type="search"
        className="quick-filter__input"
        placeholder="Search all columns…"
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onChange(text);
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
            onChange('');
          }
        }}
      />
    </div>
  );
});
