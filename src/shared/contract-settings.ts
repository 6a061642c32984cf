import { z } from 'zod';
import { dataMethod } from './contract-methods';
import { settingsPatchSchema, type Settings } from './settings';

// Contract methods of the settings domain; merged into `methods` in contract.ts.
export const settingsMethods = {
  'settings.get': dataMethod<Settings>()(z.object({}).strict()),
  'settings.update': dataMethod<Settings>()(settingsPatchSchema),
} as const;
