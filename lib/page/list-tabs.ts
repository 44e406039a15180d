import { browser } from '../platform/browser';
import type { OpenTab } from './tabs';
import { unreadableReason } from './unreadable-reason';

/**
 * The tabs of the window the user is in, in the tab strip's order. Their titles and addresses are
 * the browser's to give: with the optional "tabs" permission (asked for by "Add tabs…") or host
 * access to the tab's site; a tab told of neither is listed by neither and cannot be picked.
 */
export async function listTabs(): Promise<OpenTab[]> {
  const tabs = await browser.tabs.query({ lastFocusedWindow: true });
  return tabs.flatMap((tab) => {
    if (tab.id === undefined || tab.id < 0) return [];
    const url = tab.url ?? tab.pendingUrl ?? '';
    const reason = unreadableReason(url || undefined);
    return [
      {
        id: tab.id,
        title: tab.title ?? '',
        url,
        ...(tab.favIconUrl && /^(https?|data):/.test(tab.favIconUrl) ? { favIconUrl: tab.favIconUrl } : {}),
        active: Boolean(tab.active),
        ...(reason ? { unreadable: reason } : {}),
      },
    ];
  });
}
