import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children: ReactNode;
  /** An icon-like glyph drawn in CSS; decorative. */
  tone?: 'empty' | 'pending';
}

/** A calm, centred explanation of why a page has nothing to show and what to do about it. */
export function EmptyState({ title, children, tone = 'empty' }: EmptyStateProps) {
  return (
    <section className={`empty-state empty-state--${tone}`} aria-labelledby="empty-state-title" data-testid="empty-state">
      <div className="empty-state__mark" aria-hidden="true" />
      <h2 id="empty-state-title" className="empty-state__title">
        {title}
      </h2>
      <div className="empty-state__body">{children}</div>
    </section>
  );
}
