import type { z } from 'zod';
import type { ExportFormat } from '../../shared/contract-grid';
import type { saveExportFileRequestSchema } from '../../shared/contract-dialogs';
import { AppFailure } from '../../shared/result';
import type { Handler } from '../ipc/handlers';

/** Native dialogs as main offers them (src/main/dialogs/electron-dialogs.ts in the app). */
export interface DialogService {
  /** The path the user chose, or null when they cancelled. */
  chooseSavePath(options: { defaultName: string; format: ExportFormat }): Promise<string | null>;
  /** Where a database backup goes (a `.sqlite` file), or null when cancelled. */
  chooseBackupPath?(options: { defaultName: string }): Promise<string | null>;
  /** An existing folder (the data directory's new home), or null when cancelled. */
  chooseFolder?(options: { title: string }): Promise<string | null>;
}

type DialogHandlers = { 'dialog.saveExportFile': Handler<'dialog.saveExportFile'> };

export type SaveExportFileRequest = z.output<typeof saveExportFileRequestSchema>;

/** Handlers of the dialog methods; without a dialog service (a headless CLI) they refuse clearly. */
export function createDialogHandlers(dialogs: DialogService | undefined): DialogHandlers {
  return {
    'dialog.saveExportFile': async ({ defaultName, format }) => {
      if (!dialogs) throw new AppFailure('internal', 'No file dialog is available in this process; use `mpdesk export` to write a file.');
      return { path: await dialogs.chooseSavePath({ defaultName, format }) };
    },
  };
}
