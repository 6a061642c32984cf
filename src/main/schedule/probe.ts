import { getAccountRow } from '../accounts/repository';
import type { Db } from '../store';

/**
 * Whether an account's API host answers: any HTTP answer (even 401 or 404) means the network is
 * there; only a network error or a timeout means offline. The Demo space syncs from a simulator
 * inside the app, which is always reachable.
 */
export async function probeAccountHost(appDb: Db, accountId: string, timeoutMs = 10_000): Promise<boolean> {
  const account = getAccountRow(appDb, accountId);
  if (!account) return true;
  return probeUrl(account.baseUrl, timeoutMs);
}

export async function probeUrl(url: string, timeoutMs = 10_000): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel().catch(() => {});
    return true;
  } catch {
    return false;
  }
}
