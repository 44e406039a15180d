import { browser } from '../platform/browser';
import { applyPresence, PAGE_SCRIPT_FILES, type PagePresence, type ScriptRegistry } from './presence';

/** The page API's scripts in this browser: registered for the chosen sites, or put into one open tab. */
export function browserPageScripts() {
  return {
    // Firefox's match patterns take no port.
    apply: (presence: PagePresence) => applyPresence(browser.scripting as unknown as ScriptRegistry, presence, !import.meta.env.FIREFOX),
    tabUrl: async (tabId: number) => (await browser.tabs.get(tabId)).url,
    async injectTab(tabId: number) {
      await browser.scripting.executeScript({ target: { tabId }, files: [`/${PAGE_SCRIPT_FILES.relay}`] });
      await browser.scripting.executeScript({ target: { tabId }, files: [`/${PAGE_SCRIPT_FILES.api}`], world: 'MAIN' } as Parameters<typeof browser.scripting.executeScript>[0]);
    },
  };
}
