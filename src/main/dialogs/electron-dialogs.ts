// Electron glue for the dialog methods: the only file of this folder that imports electron.
import { BrowserWindow, dialog } from 'electron';
import type { ExportFormat } from '../../shared/contract-grid';
import type { DialogService } from './handlers';

const filters: Record<ExportFormat, Electron.FileFilter[]> = {
  csv: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
  xlsx: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
};

async function showSave(options: Electron.SaveDialogOptions): Promise<string | null> {
  const window = BrowserWindow.getFocusedWindow();
  const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

export function createElectronDialogs(): DialogService {
  return {
    chooseSavePath: ({ defaultName, format }) =>
      showSave({ title: 'Export the current view', defaultPath: defaultName, filters: filters[format], properties: ['showOverwriteConfirmation', 'createDirectory'] }),
    chooseBackupPath: ({ defaultName }) =>
      showSave({ title: 'Back up the database', defaultPath: defaultName, filters: [{ name: 'SQLite database', extensions: ['sqlite'] }], properties: ['showOverwriteConfirmation', 'createDirectory'] }),
    async chooseFolder({ title }) {
      const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory', 'promptToCreate'] };
      const window = BrowserWindow.getFocusedWindow();
      const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : (result.filePaths[0] ?? null);
    },
  };
}
