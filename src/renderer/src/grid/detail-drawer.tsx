import { useEffect, useRef, useState } from 'react';
import type { ColumnType, RecordDatasetId } from '../../../shared/catalogue';
import type { RecordDetail } from '../../../shared/contract-grid';
import { callApi, describeError } from '../api';
import { ErrorBanner } from '../components/error-banner';
import { formatInstant } from '../theme/format-instant';
import { formatCell } from './format';
import { hintsOf } from './quality-hints';

export interface DetailDrawerProps {
  dataset: RecordDatasetId;
  /** The field that names a record for people (the grid's first default column). */
  titleField: string;
  recordKey: string;
  onClose: () => void;
}

function HistoryTable({ detail }: { detail: RecordDetail }) {
  if (detail.history.length === 0) return <p className="detail__note">No changes since this record was first synced.</p>;
  const labels = new Map(detail.fields.map((f) => [f.name, f.label]));
  return (
    <table className="detail__table" data-testid="detail-history">
      <thead>
        <tr>
          <th scope="col">Seen</th>
          <th scope="col">Field</th>
          <th scope="col">Was</th>
          <th scope="col">Became</th>
        </tr>
      </thead>
      <tbody>
        {detail.history.map((h, i) => (
          <tr key={i}>
            <td>{formatInstant(h.seenAt)}</td>
            <td>{labels.get(h.field) ?? h.field}</td>
            <td>{h.oldValue ?? '—'}</td>
            <td>{h.newValue ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Fields({ detail }: { detail: RecordDetail }) {
  return (
    <dl className="detail__fields" data-testid="detail-fields">
      {detail.fields.map((f) => (
        <div key={f.name} className="detail__field">
          <dt>{f.label}</dt>
          <dd>{formatCell(f.type as ColumnType, f.value) || <span className="detail__blank">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Mount with `key={recordKey}`: each record starts from its own empty state.
 *
 * One record in full beside the grid: every field, data-quality hints, when it was seen, its
 * change history and the raw record as the API sent it. Escape or Close returns to the grid.
 */
export function DetailDrawer({ dataset, titleField, recordKey, onClose }: DetailDrawerProps) {
  const [detail, setDetail] = useState<RecordDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    callApi('grid.record', { dataset, key: recordKey }).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [dataset, recordKey]);

  useEffect(() => heading.current?.focus(), [recordKey]);

  return (
    <aside
      className="detail"
      aria-labelledby="detail-heading"
      data-testid="detail-drawer"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="detail__header">
        <h2 id="detail-heading" tabIndex={-1} ref={heading}>
          {detail?.fields.find((f) => f.name === titleField)?.value ?? recordKey}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && <ErrorBanner title="Could not read this record" message={error} />}
      {!detail && !error && <p className="detail__note">Loading…</p>}
      {detail && (
        <div className="detail__body">
          {hintsOf(detail.flags).map((h) => (
            <p key={h.flag} className={`detail__hint quality-badge--${h.flag}`}>
              <strong>{h.label}.</strong> {h.description}
            </p>
          ))}
          <p className="detail__seen">
            First synced {formatInstant(detail.firstSeen)} · last seen {formatInstant(detail.lastSeen)}
            {detail.goneSince && ` · gone from the API since ${formatInstant(detail.goneSince)}`}
          </p>
          <h3>Fields</h3>
          <Fields detail={detail} />
          <h3>Change history</h3>
          <HistoryTable detail={detail} />
          <h3>Raw record</h3>
          <pre className="detail__raw" tabIndex={0} aria-label="Raw record as JSON">
            {JSON.stringify(detail.raw, null, 2)}
          </pre>
        </div>
      )}
    </aside>
  );
}
