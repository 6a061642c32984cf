import { aggregateGroup, type AggregateGroupId } from '../../../shared/catalogue';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from './page-header';
import { syncShortcut } from './sync-hint';

/** Reports of a group, named for people: `transactions-by-metric` → "Transactions by metric". */
function reportName(endpoint: string): string {
  const words = endpoint.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A dashboard of one aggregate group. Until its charts are built on synced aggregate data, it
 * says what it will show and where that data comes from.
 */
export function DashboardPage({ groupId }: { groupId: AggregateGroupId }) {
  const group = aggregateGroup(groupId);
  return (
    <div className="page page--dashboard" data-page={`dashboard/${groupId}`}>
      <PageHeader title={group.title} description={group.description} />
      <EmptyState title="Not synced yet" tone="pending">
        <p>Its figures come from these Marketplace reports, which have not been downloaded to this computer yet:</p>
        <ul className="report-list">
          {group.endpoints.map((e) => (
            <li key={e.endpoint}>{reportName(e.endpoint)}</li>
          ))}
        </ul>
        <p>
          Choose <strong>Sync now</strong> at the top of the window ({syncShortcut()}) to download them; the page is then drawn from the copy kept on this computer.
        </p>
      </EmptyState>
    </div>
  );
}
