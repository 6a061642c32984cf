import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: string;
  description: string;
  /** Actions on the right (export, saved views, … as they arrive). */
  actions?: ReactNode;
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div>
        <h1 className="page-header__title">{title}</h1>
        <p className="page-header__description">{description}</p>
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
