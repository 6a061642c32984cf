/** Saves text or a data URL as a file through the browser's download mechanism. */
export function download(filename: string, content: string, type: string): void {
  const url = content.startsWith('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  if (!content.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 0);
}
