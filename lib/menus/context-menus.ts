import * as z from 'zod/mini';
import { browser } from '../platform/browser';
import type { Menus, Tabs } from 'webextension-polyfill';
import { PENDING_JOB_KEY, type PendingJob } from '../chat/jobs';
import { MAX_TABS } from '../page/tabs';
import { autoTiersFrom } from '../gateway/auto-tiers';
import type { ModelSummary } from '../messaging/contracts';
import type { PageContent } from '../messaging/page';
import { loadPreferences } from '../models/preferences';
import { readTab } from '../page/read-tab';
import { DEFAULT_TEMPLATES, PromptTemplates } from '../settings/templates';
import { openSidePanel } from '../ui/open-side-panel';
import { buildJob, type ClickInfo } from './build-job';
import { menuItems, menuModels, parseMenuId } from './menu-items';

export const TEMPLATES_KEY = 'templates';

export async function loadTemplates(): Promise<PromptTemplates> {
  const stored = (await browser.storage.local.get(TEMPLATES_KEY))[TEMPLATES_KEY];
  return z.catch(PromptTemplates, DEFAULT_TEMPLATES).parse(stored ?? DEFAULT_TEMPLATES);
}

/** Context menus and their clicks; `usableModels` asks the background service which models can be called. */
export function createContextMenus(usableModels: () => Promise<ModelSummary[]>) {
  async function models() {
    const [prefs, usable] = await Promise.all([loadPreferences(), usableModels()]);
    const tiers = autoTiersFrom(usable);
    const fallback = [...tiers.balanced, ...tiers.cheap, ...usable.map((m) => m.id)];
    return { prefs, list: menuModels(prefs, usable, fallback) };
  }

  async function rebuild(): Promise<void> {
    const { prefs, list } = await models();
    await browser.contextMenus.removeAll();
    for (const item of menuItems(list, prefs.defaultModel ?? list[0]?.id ?? null, { tabStrip: Boolean(import.meta.env.FIREFOX) })) {
      browser.contextMenus.create({ id: item.id, title: item.title, contexts: item.contexts, ...(item.parentId ? { parentId: item.parentId } : {}) });
    }
  }

  /** Opens the side panel at once (it needs the click's user gesture), then hands it the job. */
  async function onClick(
    click: ClickInfo & { menuItemId: string | number },
    tab: { id?: number; windowId?: number; title?: string } | undefined,
  ): Promise<void> {
    const info: ClickInfo & { menuItemId: string | number } = { ...click, pageTitle: click.pageTitle ?? tab?.title };
    const opening = openSidePanel(tab?.windowId).catch((error: unknown) => console.warn('Switchyard could not open the side panel', error));
    if (info.menuItemId === 'sy-setup') {
      await browser.runtime.openOptionsPage();
      return;
    }
    const action = parseMenuId(String(info.menuItemId));
    if (!action) return;
    if (action.kind === 'askTabs') {
      await browser.storage.session.set({ [PENDING_JOB_KEY]: await tabsJob(tab) });
      await opening;
      return;
    }
    const needsPage = !info.selectionText?.trim() || action.kind === 'ask';
    let page: PageContent | undefined;
    if (needsPage && tab?.id !== undefined) page = await readTab(tab.id).catch(() => undefined);
    const [{ prefs, list }, templates] = await Promise.all([models(), loadTemplates()]);
    const defaultModel = prefs.defaultModel ?? list[0]?.id ?? '';
    const job = buildJob(action, info, page, {
      templates,
      defaultModel,
      compareModels: list.slice(0, 3).map((m) => m.id),
      id: crypto.randomUUID(),
      now: Date.now(),
    });
    await browser.storage.session.set({ [PENDING_JOB_KEY]: job });
    await opening;
  }

  /** The tabs selected in the strip with the one clicked (or that one alone), in the strip's order. */
  async function tabsJob(tab: { id?: number; windowId?: number } | undefined): Promise<PendingJob> {
    const selected = tab?.windowId === undefined ? [] : await browser.tabs.query({ highlighted: true, windowId: tab.windowId });
    const ids = selected.flatMap((t) => (t.id === undefined ? [] : [t.id]));
    const tabIds = (tab?.id !== undefined && !ids.includes(tab.id) ? [tab.id] : ids).slice(0, MAX_TABS);
    return { id: crypto.randomUUID(), kind: 'tabs', models: [], prompt: '', tabIds, createdAt: Date.now() };
  }

  function listen(): void {
    browser.contextMenus.onClicked.addListener((info: Menus.OnClickData, tab?: Tabs.Tab) => void onClick(info, tab));
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && ('modelPreferences' in changes || 'vault' in changes || 'catalog' in changes)) void rebuild();
    });
  }

  return { rebuild, onClick, listen };
}
