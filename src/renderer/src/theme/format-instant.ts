import { getAppearance } from './appearance';

/**
 * An instant (ISO-8601) as "2026-11-26 08:00 UTC", or in the computer's time zone when the user
 * chose local dates ("2026-11-26 03:00 EST"). Every timestamp the renderer shows goes through
 * here, so the Date display setting applies everywhere at once.
 */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  if (getAppearance().dateDisplay === 'utc') return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const parts = localParts(time);
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** The calendar day of an instant, in UTC or local time as the user chose. */
export function formatInstantDay(time: number): string {
  if (getAppearance().dateDisplay === 'utc') return new Date(time).toISOString().slice(0, 10);
  const parts = localParts(time);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The note beside date controls: which clock dates are shown in. */
export function dateDisplayLabel(): string {
  return getAppearance().dateDisplay === 'utc' ? 'UTC' : 'local time';
}

const localFormat = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

function localParts(time: number): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'timeZoneName', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', timeZoneName: '' };
  for (const p of localFormat.formatToParts(time)) if (p.type in out) out[p.type as keyof typeof out] = p.value;
  return out;
}
