import { EmptyState } from '../components/empty-state';
import { defaultRoute, hrefOf } from '../router';
import { PageHeader } from './page-header';

export function NotFoundPage({ route }: { route: string }) {
  return (
    <div className="page" data-page="not-found">
      <PageHeader title="Page not found" description="This link does not lead to a page of Marketplace Desk." />
      <EmptyState title={`Nothing at “${route.slice(0, 80)}”`}>
        <p>
          The page may have been renamed. <a href={hrefOf(defaultRoute)}>Go to the overview</a> or pick a page in the sidebar.
        </p>
      </EmptyState>
    </div>
  );
}
