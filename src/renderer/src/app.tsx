import { AccountGate } from './features/accounts';
import { Shell } from './shell/shell';
import { useThemeMode } from './theme/theme-mode';

/** Welcome screen until a developer space is chosen, then the shell on that space's data. */
export function App() {
  useThemeMode();
  return (
    <AccountGate>
      <Shell />
    </AccountGate>
  );
}
