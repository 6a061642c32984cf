import type { Command } from 'commander';
import type { CliIo } from '../io';
import { registerSimulator } from './simulator';
import { registerDemo } from './demo';
import { registerSync } from './sync';
import { registerStatus } from './status';
import { registerExport } from './export';
import { registerAccounts } from './accounts';
import { registerMaintenance } from './maintenance';

export type { CliIo } from '../io';
export type RegisterCommand = (program: Command, io: CliIo) => void;

export const commands: readonly RegisterCommand[] = [
  registerSimulator,
  registerDemo,
  registerSync,
  registerStatus,
  registerExport,
  registerAccounts,
  registerMaintenance,
];
