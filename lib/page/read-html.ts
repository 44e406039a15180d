import { extractPage } from './extract';

/** Elements whose text is never a page's words. */
const NOT_WORDS = 'script, style, noscript, template, svg, iframe, object';

/**
 * A fetched page's main words (Readability's article, else the body's text) from its HTML, parsed
 * in a document that runs nothing: no script, no style, no request for its images. Undefined when
 * the page has no words.
 */
export function readHtml(html: string, parser: DOMParser = new DOMParser()): { title: string; text: string } | undefined {
  const doc = parser.parseFromString(html, 'text/html');
  for (const element of Array.from(doc.querySelectorAll(NOT_WORDS))) element.remove();
  const page = extractPage(doc);
  return page.text ? { title: page.title, text: page.text } : undefined;
}
