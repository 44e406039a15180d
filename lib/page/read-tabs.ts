import type { PageContext, PageTab } from '../ledger/db';
import { callBackground } from '../messaging/browser';
import { MessagingError } from '../messaging/rpc';
import { pageFromPdf } from './file-context';
import { fromBase64 } from './pdf-bytes';
import { tabsContext, type OpenTab } from './tabs';

export interface TabReading {
  tab: OpenTab;
  page?: PageTab;
  error?: string;
  /** Switchyard could not reach the page (no reader in it, or no access to its site): access for its site would help. */
  needsAccess?: boolean;
}

/** Reads a picked tab through the background's page reader (a PDF with pdf.js, here). */
async function readOne(tab: OpenTab): Promise<TabReading> {
  try {
    const content = await callBackground('page.read', { tabId: tab.id });
    if (content.pdfBase64) {
      const pdf = await pageFromPdf(fromBase64(content.pdfBase64), content.url, content.title || tab.title);
      return { tab, page: { url: content.url, title: pdf.title || tab.title, text: pdf.text, ...(tab.favIconUrl ? { favIconUrl: tab.favIconUrl } : {}) } };
    }
    if (!content.text.trim()) return { tab, error: 'This page has no readable text.' };
    return { tab, page: { url: content.url, title: content.title || tab.title, text: content.text, ...(tab.favIconUrl ? { favIconUrl: tab.favIconUrl } : {}) } };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const needsAccess = error instanceof MessagingError && error.code === 'page_unreadable' && !tab.unreadable;
    return { tab, error: message, ...(needsAccess ? { needsAccess } : {}) };
  }
}

/** Reads several tabs at once; each one's page or why it could not be read, in the order given. */
export function readTabs(tabs: readonly OpenTab[]): Promise<TabReading[]> {
  return Promise.all(tabs.map(readOne));
}

/** The sites whose access would let Switchyard read these tabs ("https://example.com/*"). */
export function originsOf(tabs: readonly OpenTab[]): string[] {
  const origins = tabs.flatMap((t) => {
    try {
      const url = new URL(t.url);
      return /^https?:$/.test(url.protocol) ? [`${url.protocol}//${url.hostname}/*`] : [];
    } catch {
      return [];
    }
  });
  return [...new Set(origins)];
}

/** Tabs named by id (the context menu's "Ask about these tabs…") read into one page context, with those that could not be. */
export async function readTabsById(ids: readonly number[]): Promise<{ page?: PageContext; failed: TabReading[] }> {
  const open = await callBackground('tabs.list', {}).catch(() => []);
  const tabs = ids.map((id) => open.find((t) => t.id === id) ?? { id, title: '', url: '', active: false });
  const readings = await readTabs(tabs);
  return { page: tabsContext(readings.flatMap((r) => (r.page ? [r.page] : []))), failed: readings.filter((r) => !r.page) };
}
