import type { ReactNode } from 'react';

export interface SettingsSectionProps {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

/** One titled section of the settings page, labelled by its heading for screen readers. */
export function SettingsSection({ id, title, description, children }: SettingsSectionProps) {
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`} data-section={id}>
      <h2 id={`${id}-title`} className="settings-section__title">
        {title}
      </h2>
      {description && <p className="settings-section__description">{description}</p>}
      {children}
    </section>
  );
}

/** "Saved" or the error of the last save, announced politely. */
export function SaveStatus({ status }: { status: { kind: 'saved' } | { kind: 'error'; message: string } | null }) {
  if (!status) return null;
  if (status.kind === 'saved') {
    return (
      <p className="settings-status" role="status">
        Saved.
      </p>
    );
  }
  return (
    <p className="settings-status settings-status--error" role="alert">
      Not saved: {status.message}
    </p>
  );
}
