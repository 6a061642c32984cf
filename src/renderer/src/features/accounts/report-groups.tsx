import type { ReportGroup } from '../../../../shared/contract-accounts';

/** The report groups a token reaches, as the root resource listed them. */
export function ReportGroups({ groups }: { groups: readonly ReportGroup[] }) {
  return (
    <ul className="acc-groups" aria-label="Reports this token can reach">
      {groups.map((g) => (
        <li key={g.relation}>{g.title}</li>
      ))}
    </ul>
  );
}
