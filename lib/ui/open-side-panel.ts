import { browser } from '../platform/browser';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarApi {
  open(): Promise<void>;
}

/**
 * Opens Chrome's side panel, or Firefox's sidebar, in a window (the current one by default).
 * Browsers allow this only in response to a user gesture, so call it before awaiting anything.
 */
export async function openSidePanel(windowId?: number): Promise<void> {
  const api = globalThis as unknown as { chrome?: { sidePanel?: SidePanelApi }; browser?: { sidebarAction?: SidebarApi } };
  const sidebar = api.browser?.sidebarAction;
  if (sidebar) return sidebar.open();
  const sidePanel = api.chrome?.sidePanel;
  if (!sidePanel) throw new Error('This browser has no side panel.');
  const id = windowId ?? (await browser.windows.getCurrent()).id;
  if (id === undefined) throw new Error('No browser window to open the side panel in.');
  await sidePanel.open({ windowId: id });
}
