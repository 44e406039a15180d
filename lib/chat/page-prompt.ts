import type { PageContext, PageTab } from '../ledger/db';

/** The system message that hands a page (or a selection from it, or several tabs) to the model. */
export function pagePrompt(page: PageContext): string {
  if (page.tabs) return tabsPrompt(page.tabs);
  const what = page.kind === 'selection' ? 'a passage the user selected on a web page' : 'the main text of the web page the user is looking at';
  return [
    `Below is ${what}. Use it to answer the user's questions; say so when it does not contain the answer.`,
    `Title: ${page.title || '(untitled)'}`,
    `URL: ${page.url}`,
    '',
    '<page>',
    page.text,
    '</page>',
  ].join('\n');
}

/** Several tabs as numbered sources, which the answer cites by number ([1], [2]) as search answers do. */
function tabsPrompt(tabs: PageTab[]): string {
  return [
    `Below are the main texts of ${tabs.length} web pages the user has open, numbered. Use them to answer the user's questions; say so when they do not contain the answer.`,
    'Cite the pages you use by their number in square brackets right after what you took from them, like [1] or [2][3].',
    ...tabs.flatMap((tab, i) => ['', `<page number="${i + 1}">`, `Title: ${tab.title || '(untitled)'}`, `URL: ${tab.url}`, '', tab.text, '</page>']),
  ].join('\n');
}

/** A page context with its text (each tab's, with several) as fitted to a model. */
export function fittedPage(page: PageContext, fit: { text: string; parts?: { text: string }[] }): PageContext {
  if (page.tabs && fit.parts?.length === page.tabs.length) return { ...page, tabs: page.tabs.map((t, i) => ({ ...t, text: fit.parts![i]!.text })) };
  return { ...page, text: fit.text };
}

/** What context.fit is asked to fit for a page: its text, or each tab's. */
export function fitRequestOf(page: PageContext): { text: string; parts?: string[] } {
  return page.tabs ? { text: page.text, parts: page.tabs.map((t) => t.text) } : { text: page.text };
}
