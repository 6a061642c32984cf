import type { ConnectProblem } from './connect-errors';

/** The error of a failed connect / rotate / test, with a link to the page that helps. */
export function ProblemBanner({ problem }: { problem: ConnectProblem }) {
  return (
    <div className="acc-problem" role="alert">
      <strong>{problem.title}</strong>
      <p>{problem.detail}</p>
      {problem.help && (
        <a href={problem.help.href} target="_blank" rel="noreferrer">
          {problem.help.label}
        </a>
      )}
    </div>
  );
}
