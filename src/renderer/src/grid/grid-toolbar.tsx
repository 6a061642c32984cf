import type { ReactNode } from 'react';

/** The row of controls above a grid; items are passed in so features can be added one by one. */
export function GridToolbar({ children }: { children: ReactNode }) {
  return (
    <div className="grid-toolbar" role="toolbar" aria-label="Grid tools">
      {children}
    </div>
  );
}
