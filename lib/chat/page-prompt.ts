import type { PageContext } from '../ledger/db';

/** The system message that hands a page (or a selection from it) to the model. */
export function pagePrompt(page: PageContext): string {
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
