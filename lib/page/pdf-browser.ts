import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { pdfText, type PdfDocument, type PdfText } from './pdf-text';

/** Reads a PDF's text with pdf.js in an extension page (loaded only when a PDF is read). */
export async function readPdf(bytes: Uint8Array, fallbackTitle: string): Promise<PdfText> {
  GlobalWorkerOptions.workerSrc = workerUrl;
  const task = getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
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
