import { aggregateGroups, recordDatasets } from '../../../shared/catalogue';
import { useDatasetSummaries } from '../datasets/summaries';
import { formatNumber } from '../grid/format';
import { hrefOf } from '../router';

interface NavItemProps {
  route: string;
  current: string;
  label: string;
  badge?: string | undefined;
}

function NavItem({ route, current, label, badge }: NavItemProps) {
  const active = current === route || current.startsWith(`${route}?`);
  return (
    <li>
      <a className="nav-item" href={hrefOf(route)} aria-current={active ? 'page' : undefined}>
        <span className="nav-item__label">{label}</span>
        {badge !== undefined && <span className="nav-item__badge">{badge}</span>}
      </a>
    </li>
  );
}

/** Every page of the app, from the catalogue: record data sets (with row counts) and dashboards. */
export function Sidebar({ route }: { route: string }) {
  const { byId } = useDatasetSummaries();
  return (
    <nav className="sidebar" aria-label="Pages">
      <ul className="sidebar__list" aria-label="Overview and metrics" data-testid="nav-home">
        <NavItem route="overview" current={route} label="Overview" />
        <NavItem route="dashboard/metrics" current={route} label="Revenue metrics" />
      </ul>
      <h2 className="sidebar__heading" id="nav-datasets">
        Data sets
      </h2>
      <ul className="sidebar__list" aria-labelledby="nav-datasets" data-testid="nav-datasets">
        {recordDatasets.map((d) => {
          const count = byId?.get(d.id)?.rowCount;
          return <NavItem key={d.id} route={`grid/${d.id}`} current={route} label={d.title} badge={count ? formatNumber(count) : undefined} />;
        })}
      </ul>
      <h2 className="sidebar__heading" id="nav-dashboards">
        Dashboards
      </h2>
      <ul className="sidebar__list" aria-labelledby="nav-dashboards" data-testid="nav-dashboards">
        {aggregateGroups.map((g) => (
          <NavItem key={g.id} route={`dashboard/${g.id}`} current={route} label={g.title} />
        ))}
      </ul>
      <ul className="sidebar__list sidebar__list--end">
        <NavItem route="settings" current={route} label="Settings" />
      </ul>
    </nav>
  );
}
