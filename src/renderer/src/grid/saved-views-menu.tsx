import { useId, useState } from 'react';
import type { RecordDatasetId } from '../../../shared/catalogue';
import type { SavedView, ViewState } from '../../../shared/contract-grid';
import { Popover } from './popover';
import { useSavedViews } from './use-saved-views';

export interface SavedViewsMenuProps {
  dataset: RecordDatasetId;
  activeId: number | null;
  currentView: () => ViewState | null;
  onApply: (view: SavedView | null) => void;
}

/** Named views of this data set (filters, sort, columns): switch, save, rename, delete. */
export function SavedViewsMenu({ dataset, activeId, currentView, onApply }: SavedViewsMenuProps) {
  const { views, error, save, rename, remove } = useSavedViews(dataset);
  const active = views?.find((v) => v.id === activeId) ?? null;
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const nameId = useId();
  const renameId = useId();
  const replaces = views?.some((v) => v.name.toLowerCase() === name.trim().toLowerCase()) ?? false;

  const onSave = async () => {
    const state = currentView();
    if (!state || !name.trim()) return;
    const saved = await save(name.trim(), state);
    if (saved) {
      setName('');
      onApply(saved);
    }
  };

  return (
    <Popover label={`View: ${active?.name ?? 'Default'}`} pressed={active !== null} testId="saved-views">
      <div className="saved-views">
        {error && (
          <p className="saved-views__error" role="alert">
            {error}
          </p>
        )}
        <ul className="saved-views__list" aria-label="Saved views">
          <li>
            <button type="button" className="saved-views__item" aria-current={activeId === null} onClick={() => onApply(null)}>
              Default
            </button>
          </li>
          {views?.map((v) => (
            <li key={v.id}>
              <button type="button" className="saved-views__item" aria-current={v.id === activeId} onClick={() => onApply(v)} title={v.problem ?? undefined}>
                {v.name}
                {v.problem && <span className="saved-views__problem"> (no longer fits: shows defaults)</span>}
              </button>
            </li>
          ))}
        </ul>
        {active && renaming === null && (
          <div className="saved-views__actions">
            <button type="button" className="button button--small" onClick={() => setRenaming(active.name)}>
              Rename…
            </button>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={async () => {
                if (await remove(active.id)) onApply(null);
              }}
            >
              Delete “{active.name}”
            </button>
          </div>
        )}
        {active && renaming !== null && (
          <form
            className="saved-views__form"
            onSubmit={async (e) => {
              e.preventDefault();
              if (renaming.trim() && (await rename(active.id, renaming.trim()))) setRenaming(null);
            }}
          >
            <label htmlFor={renameId}>New name</label>
            <input id={renameId} value={renaming} maxLength={100} onChange={(e) => setRenaming(e.target.value)} autoFocus />
            <button type="submit" className="button button--small" disabled={!renaming.trim()}>
              Rename
            </button>
            <button type="button" className="button button--small button--ghost" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        )}
        <form
          className="saved-views__form"
          onSubmit={(e) => {
            e.preventDefault();
            void onSave();
          }}
        >
          <label htmlFor={nameId}>Save the current view as</label>
          <input id={nameId} value={name} maxLength={100} placeholder="View name" onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="button button--small button--primary" disabled={!name.trim()}>
            {replaces ? 'Replace view' : 'Save view'}
          </button>
        </form>
      </div>
    </Popover>
  );
}
