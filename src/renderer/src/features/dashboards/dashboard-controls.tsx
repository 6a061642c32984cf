import { dashboardPresets, hostingValues, resolvePreset, type DashboardPreset } from '../../../../shared/contract-dashboards';
import type { ControlsChoice } from './controls-store';

const presetLabels: Record<DashboardPreset, string> = {
  'last-30-days': 'Last 30 days',
  'last-90-days': 'Last 90 days',
  'month-to-date': 'Month to date',
  'last-month': 'Last month',
  'year-to-date': 'Year to date',
  'last-year': 'Last year',
  custom: 'Custom',
};

interface Props {
  choice: ControlsChoice;
  apps: { addonKey: string; name: string }[];
  onChange: (choice: ControlsChoice) => void;
}

/** Date range (UTC), apps, hosting and granularity: shared by every dashboard. */
export function DashboardControls({ choice, apps, onChange }: Props) {
  const set = (patch: Partial<ControlsChoice>) => onChange({ ...choice, ...patch });
  const toggle = <T,>(list: T[], value: T) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  return (
    <form className="dash-controls" aria-label="Dashboard controls" onSubmit={(e) => e.preventDefault()}>
      <label>
        Range
        <select
          name="preset"
          value={choice.preset}
          onChange={(e) => {
            const preset = e.target.value as DashboardPreset;
            set({ preset, ...(resolvePreset(preset, new Date()) ?? {}) });
          }}
        >
          {dashboardPresets.map((p) => (
            <option key={p} value={p}>
              {presetLabels[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" name="from" value={choice.from} required onChange={(e) => e.target.value && set({ preset: 'custom', from: e.target.value })} />
      </label>
      <label>
        To
        <input type="date" name="to" value={choice.to} required onChange={(e) => e.target.value && set({ preset: 'custom', to: e.target.value })} />
      </label>
      <fieldset className="dash-controls__segmented">
        <legend>By</legend>
        {(['week', 'month'] as const).map((g) => (
          <label key={g}>
            <input type="radio" name="granularity" value={g} checked={choice.granularity === g} onChange={() => set({ granularity: g })} />
            {g === 'week' ? 'Week' : 'Month'}
          </label>
        ))}
      </fieldset>
      <fieldset className="dash-controls__checks">
        <legend>Hosting</legend>
        {hostingValues.map((h) => (
          <label key={h}>
            <input type="checkbox" name="hosting" value={h} checked={choice.hosting.includes(h)} onChange={() => set({ hosting: toggle(choice.hosting, h) })} />
            {h}
          </label>
        ))}
      </fieldset>
      <label>
        Apps
        <select
          name="apps"
          multiple
          size={Math.min(4, Math.max(2, apps.length))}
          value={choice.apps}
          onChange={(e) => set({ apps: [...e.target.selectedOptions].map((o) => o.value) })}
        >
          {apps.map((a) => (
            <option key={a.addonKey} value={a.addonKey}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      {(choice.apps.length > 0 || choice.hosting.length > 0) && (
        <button type="button" onClick={() => set({ apps: [], hosting: [] })}>
          All apps and hostings
        </button>
      )}
      <span className="dash-controls__utc">Dates are UTC.</span>
    </form>
  );
}
