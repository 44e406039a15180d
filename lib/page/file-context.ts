import type { PageContext } from '../ledger/db';
import { MAX_PDF_BYTES } from './pdf-bytes';
import { unreadablePdf } from './pdf-text';

const MAX_TEXT_FILE_BYTES = 5_000_000;
const TEXT_EXTENSIONS = /\.(txt|md|markdown|csv|tsv|json|jsonl|xml|html?|css|js|mjs|ts|tsx|jsx|py|rb|go|rs|java|kt|c|cc|cpp|h|hpp|cs|php|sh|sql|ya?ml|toml|ini|log|srt|vtt|tex)$/i;

/** A PDF without a text layer: it can still go to a vision model as pictures of its pages. */
export class ScannedPdf extends Error {
  constructor(
    message: string,
    readonly bytes: Uint8Array,
  ) {
    super(message);
  }

  /** Its first pages as PNG images. */
  async pages(): Promise<Blob[]> {
    const { renderPdfPages } = await import('./pdf-browser');
    return renderPdfPages(this.bytes);
  }
}

/** A PDF's text as page context (pdf.js is loaded only now, in its own chunk). */
export async function pageFromPdf(bytes: Uint8Array, url: string, name: string): Promise<PageContext> {
  const { readPdf } = await import('./pdf-browser');
  const pdf = await readPdf(bytes, name);
  const unreadable = unreadablePdf(pdf);
  if (unreadable) throw pdf.emptyPages === pdf.pages && pdf.pages > 0 ? new ScannedPdf(unreadable, bytes) : new Error(unreadable);
  return { url, title: pdf.title, text: pdf.text, kind: 'page' };
}

/** A file the user dropped or picked, as page context: a PDF's text by page, or a text file as it is. */
export async function pageFromFile(file: File): Promise<PageContext> {
  const url = `file:${file.name}`;
  const pdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
  if (pdf) {
    if (file.size > MAX_PDF_BYTES) throw new Error(`${file.name} is ${Math.round(file.size / 1e6)} MB; Switchyard reads PDFs up to ${MAX_PDF_BYTES / 1e6} MB.`);
    return pageFromPdf(new Uint8Array(await file.arrayBuffer()), url, file.name);
  }
  const text = file.type.startsWith('text/') || /json|xml|javascript|yaml|csv/.test(file.type) || TEXT_EXTENSIONS.test(file.name);
  if (!text) throw new Error(`${file.name} is not a PDF or a text file; Switchyard reads those (not images yet).`);
  if (file.size > MAX_TEXT_FILE_BYTES) throw new Error(`${file.name} is ${Math.round(file.size / 1e6)} MB; Switchyard reads text files up to ${MAX_TEXT_FILE_BYTES / 1e6} MB.`);
  const content = await file.text();
  if (content.includes('\u0000')) throw new Error(`${file.name} is not text.`);
  if (!content.trim()) throw new Error(`${file.name} is empty.`);
  return { url, title: file.name, text: content, kind: 'page' };
}
