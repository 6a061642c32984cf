import { forwardRef, useEffect, useId, useState } from 'react';

export interface QuickFilterProps {
  value: string;
  onChange: (value: string) => void;
  /** Labels of the columns it searches (catalogue `searchableColumns`), in order. */
  searched: readonly string[];
}

/**
 * Words starting with what is typed, in the data set's searchable columns (SQLite full text):
 * names, e-mails, sites, entitlements, apps — not enum values, which the facets filter. The
 * placeholder names the first columns and the description lists them all, so nobody expects
 * "active" to find a status. Applied after a short pause so typing does not send a query per
 * keystroke; Escape clears it.
 */
export const QuickFilter = forwardRef<HTMLInputElement, QuickFilterProps>(function QuickFilter({ value, onChange, searched }, ref) {
  const [text, setText] = useState(value);
  const id = useId();
  const descriptionId = useId();
  const placeholder = `Search ${searched.slice(0, 3).map((l) => l.toLowerCase()).join(', ')}${searched.length > 3 ? '…' : ''}`;
  const description = `Finds words starting with the text in: ${searched.join(', ')}.`;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = window.setTimeout(() => onChange(text), 250);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);

  return (
    <div className="quick-filter">
      <label className="visually-hidden" htmlFor={id}>
        Quick filter
      </label>
      <span className="visually-hidden" id={descriptionId}>
        {description}
      </span>
      <input
        ref={ref}
        id={id}
        type="search"
        className="quick-filter__input"
        placeholder={placeholder}
        title={description}
        aria-describedby={descriptionId}
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
