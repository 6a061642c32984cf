import type { QualityFlag } from '../../../shared/contract-grid';
import { Popover } from './popover';
import { qualityHints } from './quality-hints';

export interface QualityFilterProps {
  flags: Partial<Record<QualityFlag, boolean>>;
  onChange: (flags: Partial<Record<QualityFlag, boolean>>) => void;
}

type Choice = 'any' | 'only' | 'without';

function choiceOf(value: boolean | undefined): Choice {
  return value === undefined ? 'any' : value ? 'only' : 'without';
}

/** Show only rows with a data-quality hint, or hide them (e.g. only $0 sales, no sandbox installs). */
export function QualityFilter({ flags, onChange }: QualityFilterProps) {
  const active = Object.keys(flags).length;
  const set = (flag: QualityFlag, choice: Choice) => {
    const next = { ...flags };
    if (choice === 'any') delete next[flag];
    else next[flag] = choice === 'only';
    onChange(next);
  };
  return (
    <Popover label={active > 0 ? `Data quality (${active})` : 'Data quality'} pressed={active > 0} testId="quality-filter">
      <fieldset className="quality-filter">
        <legend>Rows with data-quality hints</legend>
        {qualityHints.map((h) => (
          <div key={h.flag} className="quality-filter__row">
            <label htmlFor={`quality-${h.flag}`} title={h.description}>
              {h.label}
            </label>
            <select id={`quality-${h.flag}`} value={choiceOf(flags[h.flag])} onChange={(e) => set(h.flag, e.target.value as Choice)}>
              <option value="any">Any</option>
              <option value="only">Only these</option>
              <option value="without">Hide these</option>
            </select>
          </div>
        ))}
      </fieldset>
    </Popover>
  );
}
