import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { MAX_IMAGE_SIDE } from '../chat/images';
import { pdfText, type PdfDocument, type PdfText } from './pdf-text';

/** A PDF opened with pdf.js (its worker shipped with the extension); pdf.js hands its buffer to that worker, detaching it, so it gets a copy. */
function openPdf(bytes: Uint8Array) {
  GlobalWorkerOptions.workerSrc = workerUrl;
  return getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
}

/** A scanned PDF's first pages as PNG images, for a vision model (each about as big as providers accept). */
export async function renderPdfPages(bytes: Uint8Array, maxPages = 4): Promise<Blob[]> {
  const task = openPdf(bytes);
  try {
    const doc = await task.promise;
    const images: Blob[] = [];
    for (let n = 1; n <= Math.min(doc.numPages, maxPages); n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: Math.min(2, MAX_IMAGE_SIDE / Math.max(base.width, base.height)) });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
      images.push(await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('A page could not be drawn.'))), 'image/png')));
      page.cleanup();
    }
    return images;
  } finally {
    void task.destroy();
  }
}

/** Reads a PDF's text with pdf.js in an extension page (loaded only when a PDF is read). */
export async function readPdf(bytes: Uint8Array, fallbackTitle: string): Promise<PdfText> {
  const task = openPdf(bytes);
  try {
    return await pdfText((await task.promise) as unknown as PdfDocument, fallbackTitle);
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === 'PasswordException') throw new Error('This PDF is protected by a password; open it, save an unprotected copy, and try again.', { cause: error });
    if (name === 'InvalidPDFException') throw new Error('This file is not a valid PDF.', { cause: error });
    throw error;
  } finally {
    void task.destroy();
  }
}
