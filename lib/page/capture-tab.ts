import { browser } from '../platform/browser';
import { MessagingError } from '../messaging/rpc';
import { withPageReader } from './read-tab';
import type { Region } from './region-select';
import { unreadableReason } from './unreadable-reason';

/**
 * The visible part of the active tab as a PNG data URL, with where it was taken; with `region`,
 * the user first drags out the part they mean on the page (null when they cancel), and the
 * rectangle comes back for the page to crop the capture to.
 */
export async function captureTab(region = false): Promise<{ dataUrl: string; url: string; title: string; region?: Region } | null> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (!tab?.id || tab.windowId === undefined) throw new MessagingError('no_tab', 'There is no open tab to capture.');
  const reason = unreadableReason(tab.url);
  if (reason) throw new MessagingError('page_unreadable', reason);
  let selected: Region | undefined;
  if (region) {
    const picked = await withPageReader(tab.id, (call) => call('content.selectRegion', {}));
    if (!picked) return null;
    selected = picked;
  }
  try {
    const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
    return { dataUrl, url: tab.url ?? '', title: tab.title ?? '', ...(selected ? { region: selected } : {}) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/permission|activeTab|all_urls/i.test(detail)) {
      throw new MessagingError(
        'capture_not_allowed',
        'The browser lets Switchyard capture a tab only after you open it from that tab (its toolbar button, shortcut or right-click menu). Open the side panel that way on the tab and capture again, or allow Switchyard to capture any tab; or paste a screenshot into the message box.',
      );
    }
    throw new MessagingError('capture_failed', `The tab could not be captured: ${detail}`);
  }
}
