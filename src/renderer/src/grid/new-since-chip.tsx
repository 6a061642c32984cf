import { useAppearance } from '../theme/appearance';
import { formatInstant } from '../theme/format-instant';

/**
 * The visible, removable filter a notification click opens with: only the records first seen
 * since a sync started. Removing it shows every row again.
 */
export function NewSinceChip({ since, onRemove }: { since: string; onRemove(): void }) {
  useAppearance(); // the time follows the Date display setting
  const label = `New since ${formatInstant(since)}`;
  return (
    <span className="filter-chip" data-testid="new-since-chip">
      <span>{label}</span>
      <button type="button" className="filter-chip__remove" aria-label={`Remove filter: ${label}`} onClick={onRemove}>
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}
