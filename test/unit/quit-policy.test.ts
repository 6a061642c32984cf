import { describe, expect, it } from 'vitest';
import { createQuitPolicy } from '../../src/main/lifecycle/quit-policy';

function setup(platform: NodeJS.Platform, syncing: boolean) {
  const state = { syncing, windows: 0, quits: 0 };
  const policy = createQuitPolicy({
    platform,
    isSyncRunning: async () => state.syncing,
    windowCount: () => state.windows,
    quit: () => state.quits++,
  });
  return { state, policy };
}

describe('closing the last window', () => {
  it.each(['darwin', 'win32'] as const)('%s keeps the app (tray) alive, sync or not; Quit really quits', async (platform) => {
    for (const syncing of [false, true]) {
      const { state, policy } = setup(platform, syncing);
      expect(await policy.allWindowsClosed()).toBe('stay');
      policy.syncEnded();
      expect(state.quits).toBe(0);
      policy.requestQuit();
      expect(state.quits).toBe(1);
      expect(policy.isQuitting()).toBe(true);
    }
  });

  it('Linux quits at once when no sync runs', async () => {
    const { state, policy } = setup('linux', false);
    expect(await policy.allWindowsClosed()).toBe('quit');
    expect(state.quits).toBe(1);
  });

  it('Linux waits for a running sync, then quits when it ends', async () => {
    const { state, policy } = setup('linux', true);
    expect(await policy.allWindowsClosed()).toBe('wait-for-sync');
    expect(state.quits).toBe(0);
    expect(policy.isWaitingForSync()).toBe(true);
    policy.syncEnded();
    expect(state.quits).toBe(1);
  });

  it('Linux stops waiting when a window is opened again before the sync ends', async () => {
    const { state, policy } = setup('linux', true);
    expect(await policy.allWindowsClosed()).toBe('wait-for-sync');
    state.windows = 1;
    policy.windowOpened();
    policy.syncEnded();
    expect(state.quits).toBe(0);
  });

  it('Linux quits when the sync state cannot be read (the worker is gone)', async () => {
    const { state, policy } = createFailing();
    expect(await policy.allWindowsClosed()).toBe('quit');
    expect(state.quits).toBe(1);
  });

  it('a quit already under way (Cmd+Q, log-out) is never turned into a stay', async () => {
    const { policy } = setup('darwin', true);
    policy.quitting();
    expect(await policy.allWindowsClosed()).toBe('quit');
  });
});

function createFailing() {
  const state = { quits: 0 };
  const policy = createQuitPolicy({ platform: 'linux', isSyncRunning: () => Promise.reject(new Error('worker exited')), windowCount: () => 0, quit: () => state.quits++ });
  return { state, policy };
}
