import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { fetchPdf, fromBase64, isPdfUrl, toBase64 } from '../../../lib/page/pdf-bytes';
import { pdfText, unreadablePdf, type PdfDocument } from '../../../lib/page/pdf-text';
import { makePdf } from '../../support/pdf';

const open = async (bytes: Buffer) => (await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise) as unknown as PdfDocument;

describe('reading a PDF’s text', () => {
  it('gives every page’s text under its page number, and the title from the PDF', async () => {
    const pdf = await pdfText(await open(makePdf([['Rail yards sort wagons.', 'Hump yards use gravity.'], ['Page two talks about points (switches).']], 'Yard handbook')), 'handbook.pdf');
    expect(pdf).toMatchObject({ title: 'Yard handbook', pages: 2, emptyPages: 0 });
    expect(pdf.text).toBe('[Page 1]\nRail yards sort wagons.\nHump yards use gravity.\n\n[Page 2]\nPage two talks about points (switches).');
    expect(unreadablePdf(pdf)).toBeNull();
  });

  it('names the file when the PDF has no title, and calls a PDF without any text a scan', async () => {
    const scan = await pdfText(await open(makePdf([[], []])), 'scan.pdf');
    expect(scan).toMatchObject({ title: 'scan.pdf', pages: 2, emptyPages: 2 });
    expect(unreadablePdf(scan)).toMatch(/no text to read: it looks like a scan/);
  });

  it('moves bytes through base64 unchanged, and knows a PDF address', async () => {
    const bytes = new Uint8Array(makePdf([['x'.repeat(100_000)]]));
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(isPdfUrl('http://127.0.0.1/files/report.PDF?download=1')).toBe(true);
    expect(isPdfUrl('http://127.0.0.1/report.html')).toBe(false);
  });

  it('refuses what is not a PDF or too big, before reading it', async () => {
    const answer = (body: BodyInit, headers: Record<string, string> = {}) => (async () => new Response(body, { headers })) as typeof fetch;
    await expect(fetchPdf('http://x/a.pdf', answer('<html>login</html>'))).rejects.toThrow('did not return a PDF');
    await expect(fetchPdf('http://x/a.pdf', answer('%PDF-1.4', { 'content-length': '99000000' }))).rejects.toThrow('up to 30 MB');
    await expect(fetchPdf('http://x/a.pdf', (async () => new Response('no', { status: 404 })) as typeof fetch)).rejects.toThrow('HTTP 404');
    expect((await fetchPdf('http://x/a.pdf', answer(new Uint8Array(makePdf([['ok']]))))).length).toBeGreaterThan(100);
  });
});
