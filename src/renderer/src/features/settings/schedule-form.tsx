import { useState, type FormEvent } from 'react';
import { syncScheduleSchema, type SyncSchedule } from '../../../../shared/settings';
import { FormField } from '../accounts/form-field';
import { SaveStatus } from './settings-section';
import { parseWholeNumber } from './whole-number';

type Status = Parameters<typeof SaveStatus>[0]['status'];

export interface ScheduleFormProps {
  accountId: string;
  accountName: string;
  schedule: SyncSchedule;
  save(schedule: SyncSchedule): Promise<string | null>;
}

/**
 * One account's background sync: on/off, every N hours, a full reconciliation every N days. The
 * typed numbers stay as typed until saved (nothing the user wrote is lost on an error).
 */
export function ScheduleForm({ accountId, accountName, schedule, save }: ScheduleFormProps) {
  const [enabled, setEnabled] = useState(schedule.enabled);
  const [hours, setHours] = useState(String(schedule.intervalHours));
  const [days, setDays] = useState(String(schedule.fullReconcileDays));
  const [errors, setErrors] = useState<{ hours?: string; days?: string }>({});
  const [status, setStatus] = useState<Status>(null);
  const prefix = `schedule-${accountId}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setStatus(null);
    const h = parseWholeNumber(hours, syncScheduleSchema.shape.intervalHours, 'hours');
    const d = parseWholeNumber(days, syncScheduleSchema.shape.fullReconcileDays, 'days');
    setErrors({ hours: h.ok ? undefined : h.error, days: d.ok ? undefined : d.error });
    if (!h.ok || !d.ok) return;
    const failed = await save({ enabled, intervalHours: h.value, fullReconcileDays: d.value });
    setStatus(failed ? { kind: 'error', message: failed } : { kind: 'saved' });
  };

  return (
    <form className="settings-form settings-schedule" onSubmit={(e) => void submit(e)} noValidate aria-label={`Sync schedule of ${accountName}`}>
      <label className="settings-choice settings-schedule__toggle">
        <input type="checkbox" name={`${prefix}-enabled`} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <span>Sync {accountName} in the background</span>
      </label>
      <div className="settings-row">
        <FormField id={`${prefix}-hours`} label="Every (hours)" inputMode="numeric" value={hours} error={errors.hours} onChange={(e) => setHours(e.currentTarget.value)} />
        <FormField
          id={`${prefix}-days`}
          label="Full reconciliation every (days)"
          hint="Re-reads every record, so changes Atlassian made to old ones are seen too."
          inputMode="numeric"
          value={days}
          error={errors.days}
          onChange={(e) => setDays(e.currentTarget.value)}
        />
      </div>
      <div>
        <button type="submit" className="button">
          Save schedule
        </button>
      </div>
      <SaveStatus status={status} />
    </form>
  );
}
