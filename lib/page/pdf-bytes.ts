/** The largest PDF Switchyard reads (bigger ones are books; their text would not fit a prompt anyway). */
export const MAX_PDF_BYTES = 30_000_000;

export function isPdfUrl(url: string | undefined): boolean {
  try {
    return /\.pdf$/i.test(new URL(url ?? '').pathname);
  } catch {
    return false;
  }
}

/** Bytes as base64, in slices (String.fromCharCode over millions of bytes overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A PDF's bytes from its address, checked to be a PDF and not too big to read. */
export async function fetchPdf(url: string, fetcher: typeof fetch = fetch): Promise<Uint8Array> {
  const response = await fetcher(url, { credentials: 'include' });
  if (!response.ok) throw new Error(`The PDF could not be downloaded (HTTP ${response.status}).`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_PDF_BYTES) throw new Error(`This PDF is ${Math.round(length / 1e6)} MB; Switchyard reads PDFs up to ${MAX_PDF_BYTES / 1e6} MB.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_PDF_BYTES) throw new Error(`This PDF is ${Math.round(bytes.length / 1e6)} MB; Switchyard reads PDFs up to ${MAX_PDF_BYTES / 1e6} MB.`);
  if (new TextDecoder().decode(bytes.subarray(0, 1024)).indexOf('%PDF-') < 0) throw new Error('This address did not return a PDF.');
  return bytes;
}
