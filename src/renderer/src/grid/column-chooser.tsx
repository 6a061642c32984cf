import { useId, useState } from 'react';
import { Popover } from './popover';

export interface ChooserColumn {
  id: string;
  label: string;
  visible: boolean;
  pinned: boolean;
}

export interface ColumnChooserProps {
  columns: readonly ChooserColumn[];
  onVisible: (id: string, visible: boolean) => void;
  onPinned: (id: string, pinned: boolean) => void;
  onReset: () => void;
}

/**
 * Which columns the grid shows, and which stay pinned on the left while scrolling. Order and
 * width are changed in the grid itself (drag a header, drag its edge).
 */
export function ColumnChooser({ columns, onVisible, onPinned, onReset }: ColumnChooserProps) {
  const [search, setSearch] = useState('');
  const searchId = useId();
  const shown = columns.filter((c) => c.visible).length;
  const needle = search.trim().toLowerCase();
  const listed = needle ? columns.filter((c) => c.label.toLowerCase().includes(needle)) : columns;
  return (
    <Popover label={`Columns (${shown}/${columns.length})`} testId="column-chooser">
      <div className="column-chooser">
        <label className="visually-hidden" htmlFor={searchId}>
          Find a column
        </label>
        <input id={searchId} type="search" placeholder="Find a column…" value={search} onChange={(e) => setSearch(e.target.value)} />
        <ul className="column-chooser__list" aria-label="Columns">
          {listed.map((c) => (
            <li key={c.id} className="column-chooser__item">
              <label className="column-chooser__show">
                <input type="checkbox" checked={c.visible} disabled={c.visible && shown === 1} onChange={(e) => onVisible(c.id, e.target.checked)} />
                {c.label}
              </label>
              <button
                type="button"
                className="button button--small button--ghost"
                aria-pressed={c.pinned}
                disabled={!c.visible}
                aria-label={`${c.pinned ? 'Unpin' : 'Pin'} ${c.label}`}
                onClick={() => onPinned(c.id, !c.pinned)}
              >
                {c.pinned ? 'Pinned' : 'Pin'}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="button button--small" onClick={onReset}>
          Reset columns
        </button>
      </div>
    </Popover>
  );
}
