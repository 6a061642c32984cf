import type { CustomCellRendererProps } from 'ag-grid-react';
import type { GridRowData } from './grid-datasource';
import { hintsOf } from './quality-hints';

export const qualityColumnId = '_hints';

/** A row's data-quality hints as small labelled badges (text, not colour alone). */
export function QualityCell({ value }: CustomCellRendererProps<GridRowData, number>) {
  const hints = hintsOf(typeof value === 'number' ? value : 0);
  if (hints.length === 0) return null;
  return (
    <span className="quality-cell">
      {hints.map((h) => (
        <span key={h.flag} className={`quality-badge quality-badge--${h.flag}`} title={`${h.label}: ${h.description}`}>
          {h.short}
        </span>
      ))}
    </span>
  );
}
