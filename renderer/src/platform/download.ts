/** Hands a file to the user: a download in the browser host, a save dialog in Electron. */
export function downloadFile(data: BlobPart, fileName: string, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([data], { type }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}
