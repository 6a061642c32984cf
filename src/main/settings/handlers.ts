import type { Handler } from '../ipc/handlers';
import type { Db } from '../store';
import { readSettings, updateSettings } from './repository';

export function createSettingsHandlers(appDb: Db): { 'settings.get': Handler<'settings.get'>; 'settings.update': Handler<'settings.update'> } {
  return {
    'settings.get': () => readSettings(appDb),
    'settings.update': (patch) => updateSettings(appDb, patch),
  };
}
