export interface ChoiceGroupProps<T extends string> {
  name: string;
  legend: string;
  value: T;
  options: readonly { value: T; label: string; hint?: string }[];
  onChange(value: T): void;
}

/** A labelled radio group (a fieldset): arrow keys move between choices, as in any OS dialog. */
export function ChoiceGroup<T extends string>({ name, legend, value, options, onChange }: ChoiceGroupProps<T>) {
  return (
    <fieldset className="settings-choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="settings-choice">
          <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
          <span>{o.label}</span>
          {o.hint && <span className="settings-choice__hint">{o.hint}</span>}
        </label>
      ))}
    </fieldset>
  );
}
