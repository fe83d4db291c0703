// Saves generated text (CSV) or bytes (.xlsx) as a file in the browser; nothing goes through a URL or a server.
export function downloadText(filename: string, text: BlobPart, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
