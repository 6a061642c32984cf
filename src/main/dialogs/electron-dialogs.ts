// Electron glue for the dialog methods: the only file of this folder that imports electron.
import { BrowserWindow, dialog } from 'electron';
import type { ExportFormat } from '../../shared/contract-grid';
import type { DialogService } from './handlers';

const filters: Record<ExportFormat, Electron.FileFilter[]> = {
  csv: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
  xlsx: [{ name: 'Excel workbook', extensions: ['xlsx'] }],
  json: [{ name: 'JSON', extensions: ['json'] }],
};

export function createElectronDialogs(): DialogService {
  return {
    async chooseSavePath({ defaultName, format }) {
      const options: Electron.SaveDialogOptions = { title: 'Export the current view', defaultPath: defaultName, filters: filters[format], properties: ['showOverwriteConfirmation', 'createDirectory'] };
      const window = BrowserWindow.getFocusedWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
