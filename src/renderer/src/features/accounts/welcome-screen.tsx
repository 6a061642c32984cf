import { useState } from 'react';
import type { AccountView, AddAccountResponse } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { ConnectForm } from './connect-form';
import { describeConnectProblem, type ConnectProblem } from './connect-errors';
import { ProblemBanner } from './problem-banner';
import { ReportGroups } from './report-groups';

type Step = { kind: 'choose' } | { kind: 'connect' } | { kind: 'connected'; result: AddAccountResponse };

/** First run: explore the demo data, or connect a developer space. */
export function WelcomeScreen({ onReady }: { onReady: (account: AccountView) => void }) {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [problem, setProblem] = useState<ConnectProblem | null>(null);

  async function exploreDemo() {
    try {
      onReady(await callApi('accounts.setActive', { id: 'demo' }));
    } catch (e) {
      setProblem(describeConnectProblem(e));
    }
  }

  return (
    <main className="acc-welcome" aria-labelledby="acc-welcome-title">
      <h1 id="acc-welcome-title">Welcome to Marketplace Desk</h1>
      {step.kind === 'choose' && (
        <>
          <p className="acc-welcome__lead">Every licence, transaction and report of your Marketplace apps, on your machine, searchable offline.</p>
          <div className="acc-welcome__choices">
            <button type="button" className="acc-choice" onClick={() => void exploreDemo()}>
              <strong>Explore with demo data</strong>
              <span>A realistic sample partner with four apps. No account needed.</span>
            </button>
            <button type="button" className="acc-choice" onClick={() => setStep({ kind: 'connect' })}>
              <strong>Connect your developer space</strong>
              <span>Sync your own reports with an Atlassian API token.</span>
            </button>
          </div>
          {problem && <ProblemBanner problem={problem} />}
        </>
      )}
      {step.kind === 'connect' && (
        <section aria-label="Connect your developer space">
          <h2>Connect your developer space</h2>
          <ConnectForm onConnected={(result) => setStep({ kind: 'connected', result })} onCancel={() => setStep({ kind: 'choose' })} />
        </section>
      )}
      {step.kind === 'connected' && (
        <section className="acc-connected" aria-label="Connected">
          <h2>Connected to “{step.result.account.name}”</h2>
          <p>The token works and is saved in your keychain. It can reach {step.result.reportGroups.length} report groups:</p>
          <ReportGroups groups={step.result.reportGroups} />
          <button type="button" className="acc-button acc-button--primary" onClick={() => onReady(step.result.account)}>
            Open Marketplace Desk
          </button>
        </section>
      )}
    </main>
  );
}
