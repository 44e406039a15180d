import { browser } from '@/lib/platform/browser';
import { createBackgroundService } from '@/lib/background/service';
import { browserPromptApi } from '@/lib/gateway/chrome-ai/prompt-api';
import type { TiktokenBPE } from 'js-tiktoken/lite';
import { tiktokenCounter } from '@/lib/gateway/tokenizer';
import type { UsageRecord } from '@/lib/gateway/record';
import { ledgerConnection } from '@/lib/ledger/worker-db';
import { recordRequests } from '@/lib/ledger/ledger';
import { listenForCalls, listenForStreamPorts } from '@/lib/messaging/browser';
import { backgroundCalls, backgroundStreams } from '@/lib/messaging/contracts';
import { createCallReceiver, isCallMessage, type CallReply } from '@/lib/messaging/rpc';
import { isOwnExtensionPage, type SenderInfo } from '@/lib/messaging/senders';
import { createStreamReceiver } from '@/lib/messaging/stream';
import { captureTab } from '@/lib/page/capture-tab';
import { readTab } from '@/lib/page/read-tab';
import { listTabs } from '@/lib/page/list-tabs';
import { searchPageReader } from '@/lib/page/search-page-reader';
import { createContextMenus } from '@/lib/menus/context-menus';
import { PENDING_KEY } from '@/lib/page-api/protocol';
import { listenForPagePorts } from '@/lib/page-api/serve';
import { storageArea } from '@/lib/platform/browser-storage';
import { browserPageScripts } from '@/lib/page-api/page-scripts';
import { restrictToTrustedContexts } from '@/lib/platform/storage-access';
import { indexedDbKeyStore } from '@/lib/platform/device-key';
import { CATALOG_FILE, readPackagedJson, TOKENIZER_FILE } from '@/lib/platform/packaged-files';
import type { CatalogSnapshot } from '@/lib/catalog/schema';
import { openSidePanel } from '@/lib/ui/open-side-panel';
import { prepareChatSchemas } from '@/lib/gateway/openai-schema';

const CATALOG_ALARM = 'catalog-refresh';
const RETENTION_ALARM = 'ledger-retention';

export default defineBackground(() => {
  const ownOrigin = browser.runtime.getURL('/');
  const fromOwnPage = (sender: SenderInfo | undefined) => isOwnExtensionPage(sender, browser.runtime.id, ownOrigin);

  const packagedJson = (path: string) => readPackagedJson(browser.runtime.getURL(path as `/${string}`));
  const db = ledgerConnection();
  // Both databases start opening at once: a cold worker's first request needs the device key to read the provider keys.
  const deviceKeys = indexedDbKeyStore();
  void deviceKeys.load().catch(() => undefined);
  const service = createBackgroundService({
    local: storageArea(browser.storage.local),
    session: storageArea(browser.storage.session),
    deviceKeys,
    db,
    fetch: (input, init) => fetch(input, init),
    searchPageReader,
    promptApi: browserPromptApi(),
    version: browser.runtime.getManifest().version,
    pageScripts: browserPageScripts(),
    tokenizer: async () => tiktokenCounter((await packagedJson(TOKENIZER_FILE)) as TiktokenBPE),
    // The build wrote this file from the validated snapshot (wxt.config.ts).
    bundledCatalog: async () => (await packagedJson(CATALOG_FILE)) as CatalogSnapshot,
  });

  void service.start();
  // The chat request's schemas are built in the next task, while the worker waits for the reads it
  // just started and for the message that woke it. (A background-priority task came too late: the
  // replies to the reads kept it waiting until after the first request had gone out.)
  setTimeout(prepareChatSchemas, 0);

  const receive = createCallReceiver(backgroundCalls, { ...service.calls, 'page.read': ({ tabId }) => readTab(tabId), 'tabs.list': () => listTabs(), 'page.capture': ({ region }) => captureTab(region) });
  listenForCalls((message, sender) => {
    if (fromOwnPage(sender)) return receive(message, sender);
    return isCallMessage(message) ? refused() : undefined;
  });

  const serve = createStreamReceiver(backgroundStreams, {
    'chat.completions': ({ body, source }, { signal }) => service.chat(body, source, signal),
  });
  listenForStreamPorts((port, sender) => {
    if (!fromOwnPage(sender)) return port.disconnect();
    void serve(port, sender);
  });

  listenForPagePorts(service.pageRequest);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && PENDING_KEY in changes) void refreshBadge();
    if (area === 'local') service.localChanged(Object.keys(changes));
  });
  /** A site waiting for permission shows on the toolbar icon. */
  async function refreshBadge() {
    const pending = await service.calls['pageApi.pending']();
    // Firefox's MV2 build has browserAction where Chrome's MV3 has action.
    const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    await action.setBadgeText({ text: pending.length ? String(pending.length) : '' });
    if (pending.length) await action.setBadgeBackgroundColor({ color: '#b35c00' });
  }

  browser.permissions.onAdded.addListener(service.accessChanged);
  browser.permissions.onRemoved.addListener(service.accessChanged);

  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel') void openSidePanel(tab?.windowId).catch(() => undefined);
  });

  const menus = createContextMenus(async () => (await service.calls['catalog.models']()).models.filter((m) => m.providers.length > 0));
  menus.listen();
  // The service worker's global scope is reachable only from the extension's own devtools (and
  // the e2e tests), never from pages: the tests click the menu through this.
  Object.assign(globalThis, {
    switchyardDebug: { onMenuClick: menus.onClick, rebuildMenus: menus.rebuild, recordMany: async (records: UsageRecord[]) => recordRequests(await db(), records) },
  });

  // Menus, the badge and registered scripts outlive a stopped worker: they are set up when the
  // browser starts or the extension is installed or updated (and when what they show changes),
  // not on every cold start, which would make the first request wait for them.
  const setUp = () => {
    // The access level is kept by the browser: setting it once per start or update is enough.
    void restrictToTrustedContexts(browser.storage);
    void menus.rebuild();
    void refreshBadge();
    void service.syncPageScripts().catch((e: unknown) => console.error('Switchyard: page API scripts', e));
  };
  browser.runtime.onInstalled.addListener(setUp);
  browser.runtime.onStartup.addListener(setUp);
  browser.runtime.onInstalled.addListener(() => {
    void browser.alarms.create(CATALOG_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
    void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 10 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CATALOG_ALARM && navigator.onLine) void service.calls['catalog.refresh']().catch(() => undefined);
    if (alarm.name === RETENTION_ALARM) void service.applyRetention().catch((e: unknown) => console.error('Switchyard: ledger retention', e));
  });
});

function refused(): Promise<CallReply> {
  return Promise.resolve({
    ok: false,
    error: { code: 'forbidden', message: 'Only Switchyard’s own pages may call the background.' },
  });
}
