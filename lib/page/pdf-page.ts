import type { PageContent } from '../messaging/page';
import { toBase64 } from './pdf-bytes';

/** A file name from a PDF's address, as its title until the PDF says its own. */
export function pdfName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || 'document.pdf');
  } catch {
    return 'document.pdf';
  }
}

/** A PDF tab's content as the page reader answers it: no text yet, the bytes to read. */
export function pdfPage(url: string, bytes: Uint8Array): PageContent {
  return { url, title: pdfName(url), text: '', selection: '', byline: null, lang: null, extractedWith: 'pdf', pdfBase64: toBase64(bytes) };
}
