import browser from 'webextension-polyfill';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarApi {
  open(): Promise<void>;
}

/** Opens Chrome's side panel, or Firefox's sidebar, in the current window. Needs a user gesture. */
export async function openSidePanel(): Promise<void> {
  const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarApi };
  if (api.sidebarAction) return api.sidebarAction.open();
  if (!api.sidePanel) throw new Error('This browser has no side panel.');
  const current = await browser.windows.getCurrent();
  if (current.id === undefined) throw new Error('No browser window to open the side panel in.');
  await api.sidePanel.open({ windowId: current.id });
}
