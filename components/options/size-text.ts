/** Bytes as people read them: 0.4 MB, 12.5 MB, 1.2 GB. */
export function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  const mb = bytes / 1024 / 1024;
  return mb >= 1024 ? `${(mb / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} GB` : `${mb.toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}
