import { useState, type FormEvent } from 'react';
import { apiTokenHelpUrl, defaultBaseUrl, requiredPermissions, type AddAccountResponse } from '../../../../shared/contract-accounts';
import { callApi } from './accounts-api';
import { describeConnectProblem, type ConnectProblem } from './connect-errors';
import { validateConnect, validateField, type ConnectErrors, type ConnectValues } from './connect-validation';
import { FormField } from './form-field';
import { ProblemBanner } from './problem-banner';

interface ConnectFormProps {
  /** Called once the account is saved and its token is in the keychain. */
  onConnected: (result: AddAccountResponse) => void;
  onCancel?: () => void;
}

const empty: ConnectValues = { name: '', developerId: '', email: '', token: '', baseUrl: defaultBaseUrl };
const fields = ['name', 'developerId', 'email', 'token', 'baseUrl'] as const;

/**
 * "Connect your developer space": the three fields, the token, and the base URL under
 * "Advanced". Main checks the credentials before saving anything; the token goes to main once,
 * in the request, and this form forgets it as soon as the account is saved.
 */
export function ConnectForm({ onConnected, onCancel }: ConnectFormProps) {
  const [values, setValues] = useState<ConnectValues>(empty);
  const [errors, setErrors] = useState<ConnectErrors>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ConnectProblem | null>(null);
  const flagged = (field: keyof ConnectValues) => problem?.field === field;

  const update = (field: keyof ConnectValues) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setValues((v) => ({ ...v, [field]: value }));
    // An error already shown follows the typing; a new one waits for blur or submit.
    if (errors[field]) setErrors((x) => ({ ...x, [field]: validateField(field, value) ?? undefined }));
  };
  const check = (field: keyof ConnectValues) => () => {
    if (values[field] === '' && field !== 'baseUrl') return;
    setErrors((x) => ({ ...x, [field]: validateField(field, values[field]) ?? undefined }));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateConnect(values, fields);
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const result = await callApi('accounts.add', { ...values });
      setValues(empty);
      onConnected(result);
    } catch (err) {
      setProblem(describeConnectProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="acc-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy} aria-label="Connect your developer space">
      <FormField id="acc-name" label="Name" placeholder="e.g. Acme Apps" hint="How this developer space is shown in the app." value={values.name} onChange={update('name')} onBlur={check('name')} error={errors.name} flagged={flagged('name')} autoComplete="off" />
      <FormField id="acc-developer-id" label="Developer ID" placeholder="5b2c3d4e-1f2a-4b3c-9d8e-7f6a5b4c3d2e" hint="Marketplace → Manage partner account → Developer ID." value={values.developerId} onChange={update('developerId')} onBlur={check('developerId')} error={errors.developerId} flagged={flagged('developerId')} autoComplete="off" spellCheck={false} />
      <FormField id="acc-email" label="Atlassian account e-mail" type="email" placeholder="you@example.com" value={values.email} onChange={update('email')} onBlur={check('email')} error={errors.email} flagged={flagged('email')} autoComplete="email" />
      <FormField id="acc-token" label="API token" type="password" value={values.token} onChange={update('token')} onBlur={check('token')} error={errors.token} flagged={flagged('token')} autoComplete="off" spellCheck={false} />
      <p className="acc-form__token-help">
        <a href={apiTokenHelpUrl} target="_blank" rel="noreferrer">
          Create an API token
        </a>{' '}
        on id.atlassian.com with the same Atlassian account. That account needs the {requiredPermissions.map((p) => `“${p}”`).join(' and ')} permissions in your Marketplace partner profile. The token is kept in your operating system’s keychain, never in a file.
      </p>
      <details className="acc-form__advanced">
        <summary>Advanced</summary>
        <FormField id="acc-base-url" label="API base URL" value={values.baseUrl} onChange={update('baseUrl')} onBlur={check('baseUrl')} error={errors.baseUrl} flagged={flagged('baseUrl')} spellCheck={false} />
      </details>
      {problem && <ProblemBanner problem={problem} />}
      <div className="acc-form__actions">
        {onCancel && (
          <button type="button" className="acc-button acc-button--quiet" onClick={onCancel} disabled={busy}>
            Back
          </button>
        )}
        <button type="submit" className="acc-button acc-button--primary" disabled={busy}>
          {busy ? 'Checking your credentials…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
