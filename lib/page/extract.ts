import { Readability } from '@mozilla/readability';
import type { PageContent } from '../messaging/page';

/** Collapses runs of blank lines and trailing spaces that page markup leaves behind. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n[ \t\u00a0]+/g, '\n')
    .replace(/[ \t\u00a0]{2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The main text of a page: Readability's article when it finds one, else the body's
 * visible text. Works on a clone so the live page is never touched.
 */
export function extractPage(doc: Document, selection = ''): PageContent {
  const base = {
    url: doc.location?.href ?? doc.URL,
    selection: tidyText(selection),
    lang: doc.documentElement.lang || null,
  };
  try {
    const article = new Readability(doc.cloneNode(true) as Document).parse();
    if (article?.textContent && article.textContent.trim().length > 0) {
      return {
        ...base,
        title: article.title || doc.title,
        text: tidyText(article.textContent),
        byline: article.byline ?? null,
        extractedWith: 'readability',
      };
    }
  } catch {
    // Readability gives up on some documents (framesets, SVG roots); fall back to body text.
  }
  const body = doc.body as HTMLElement | null;
  return {
    ...base,
    title: doc.title,
    text: tidyText(body?.innerText ?? body?.textContent ?? ''),
    byline: null,
    extractedWith: 'body-text',
  };
}
