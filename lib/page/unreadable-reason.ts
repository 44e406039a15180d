const BROWSER_PAGE = /^(chrome|chrome-extension|chrome-search|chrome-untrusted|devtools|edge|brave|opera|vivaldi|about|moz-extension|view-source|resource):/i;
const STORE_PAGE = /^https:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore|addons\.mozilla\.org|microsoftedge\.microsoft\.com\/addons)(\/|$)/i;

/**
 * Why an extension cannot read the page at this URL, or null when it can.
 * Browsers keep their own pages and extension stores out of reach.
 */
export function unreadableReason(url: string | undefined): string | null {
  if (!url) return "This tab has no page Switchyard can read (it may still be loading, or it belongs to the browser).";
  if (BROWSER_PAGE.test(url)) return "Browser pages (like chrome:// settings, new tabs and other extensions) can't be read by extensions.";
  if (STORE_PAGE.test(url)) return "Extension store pages can't be read by extensions; the browser protects them.";
  if (/^(data|blob|javascript):/i.test(url)) return "This kind of page (data:, blob:) can't be read by extensions.";
  // PDFs are read (lib/page/read-tab.ts): by the page reader in Chrome's viewer, fetched in Firefox's.
  return null;
}
