/** The part of pdf.js's document this needs (so Node tests and the pages can pass their own build). */
export interface PdfDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: unknown[] }>; cleanup?(): void }>;
  getMetadata(): Promise<{ info: unknown }>;
}

export interface PdfText {
  title: string;
  pages: number;
  /** Every page's text under a "[Page n]" line, so answers can cite pages. */
  text: string;
  /** Pages without any text: a scan or images only. */
  emptyPages: number;
}

const pageText = (items: unknown[]) =>
  items
    .map((item) => {
      const { str, hasEOL } = item as { str?: string; hasEOL?: boolean };
      return (str ?? '') + (hasEOL ? '\n' : '');
    })
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

/** A PDF's text, page by page with page markers, and its title. */
export async function pdfText(doc: PdfDocument, fallbackTitle: string): Promise<PdfText> {
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    pages.push(pageText((await page.getTextContent()).items));
    page.cleanup?.();
  }
  const info = (await doc.getMetadata().catch(() => ({ info: {} }))).info as { Title?: unknown };
  const title = typeof info?.Title === 'string' && info.Title.trim() ? info.Title.trim() : fallbackTitle;
  return {
    title,
    pages: doc.numPages,
    text: pages.map((text, i) => `[Page ${i + 1}]\n${text}`).join('\n\n'),
    emptyPages: pages.filter((text) => text.length === 0).length,
  };
}

/** Why a PDF cannot be used as text, or null when it can. */
export function unreadablePdf(pdf: PdfText): string | null {
  if (pdf.pages === 0) return 'This PDF has no pages.';
  if (pdf.emptyPages === pdf.pages) {
    return 'This PDF has no text to read: it looks like a scan (pages as images). Send its pages as images to a vision model, or run it through OCR first.';
  }
  return null;
}
