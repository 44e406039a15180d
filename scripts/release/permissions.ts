/**
 * Checks a built extension's manifest against its code, as store reviews do: every permission it
 * asks for is used, every API it calls that needs a permission has it, and every permission has a
 * one-line justification in store/permissions.md.
 */

/** How a permission shows in built (minified) code: API property names survive minifying. */
const USED_BY: Record<string, RegExp> = {
  storage: /\.storage\.(local|session|sync|onChanged)\b/,
  contextMenus: /\.(contextMenus|menus)\.(create|removeAll|update|remove|onClicked)\b/,
  // activeTab has no namespace of its own: it lets the calls below reach the tab in front.
  activeTab: /\.(captureVisibleTab|executeScript)\(/,
  scripting: /\.scripting\.(executeScript|registerContentScripts|unregisterContentScripts|getRegisteredContentScripts|insertCSS)\b/,
  alarms: /\.alarms\.(create|onAlarm|clear|get)\b/,
  // The ledger and history live in IndexedDB for years: the browser must not evict them.
  unlimitedStorage: /\bindexedDB\b/,
  // Reached through a variable (`chrome.sidePanel`, then its methods), so the namespace is what shows.
  sidePanel: /\.sidePanel\b/,
  offscreen: /\.offscreen\b/,
  // Only "tabs" shows a tab's address and favicon for sites without host access.
  tabs: /\bfavIconUrl\b/,
};

/** APIs that need a permission, and which: a call without it fails in the user's browser. */
const NEEDS: Record<string, { api: RegExp; permission: string[] }> = {
  contextMenus: { api: /\.(contextMenus|menus)\.(create|removeAll|update|remove)\(/, permission: ['contextMenus', 'menus'] },
  scripting: { api: /\.scripting\.(executeScript|registerContentScripts|insertCSS)\(/, permission: ['scripting'] },
  alarms: { api: /\.alarms\.(create|clear|get|getAll)\(/, permission: ['alarms'] },
  sidePanel: { api: /\.sidePanel\.(open|setOptions|setPanelBehavior)\(/, permission: ['sidePanel'] },
  offscreen: { api: /\.offscreen\.(createDocument|closeDocument)\(/, permission: ['offscreen'] },
  storage: { api: /\.storage\.(local|session|sync)\.(get|set|remove)\(/, permission: ['storage'] },
  cookies: { api: /\.cookies\.(getAll|remove)\(/, permission: ['cookies'] },
  history: { api: /\.history\.(search|getVisits|deleteUrl)\(/, permission: ['history'] },
  bookmarks: { api: /\.bookmarks\.(getTree|search|create)\(/, permission: ['bookmarks'] },
  downloads: { api: /\.downloads\.(download|search)\(/, permission: ['downloads'] },
  notifications: { api: /\.notifications\.(create|clear)\(/, permission: ['notifications'] },
  identity: { api: /\.identity\.(launchWebAuthFlow|getAuthToken)\(/, permission: ['identity'] },
  webRequest: { api: /\.webRequest\.on[A-Z]\w+\.addListener\(/, permission: ['webRequest'] },
  webNavigation: { api: /\.webNavigation\.on[A-Z]\w+\.addListener\(/, permission: ['webNavigation'] },
  declarativeNetRequest: { api: /\.declarativeNetRequest\.update\w*Rules\(/, permission: ['declarativeNetRequest'] },
  tabCapture: { api: /\.tabCapture\.(capture|getMediaStreamId)\(/, permission: ['tabCapture'] },
  debugger: { api: /\.debugger\.(attach|sendCommand)\(/, permission: ['debugger'] },
  management: { api: /\.management\.(getAll|setEnabled)\(/, permission: ['management'] },
  nativeMessaging: { api: /\.runtime\.(connectNative|sendNativeMessage)\(/, permission: ['nativeMessaging'] },
};

export interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
}

const isHost = (permission: string) => permission === '<all_urls>' || permission.includes('/');

/** What a manifest asks for, by the name its justification goes under in store/permissions.md. */
export function askedFor(manifest: Manifest): string[] {
  const api = [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? [])].filter((p) => !isHost(p));
  const hosts = [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])].some(isHost);
  const optionalHosts = [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])].some(isHost);
  const everyPage = (manifest.content_scripts ?? []).some((s) => s.matches.includes('<all_urls>'));
  return [...new Set(api), ...(hosts ? ['host permissions'] : []), ...(optionalHosts ? ['optional host permissions'] : []), ...(everyPage ? ['content script on every page'] : [])];
}

/** The names store/permissions.md justifies: each "- **name**: reason" line with a reason. */
export function justified(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^- \*\*([^*]+)\*\*:[ \t]*\S.*$/gm)].map((m) => m[1]!.trim()));
}

/** What is wrong, one sentence each; empty when the manifest, the code and the justifications agree. */
export function permissionProblems(manifest: Manifest, code: string, justifications: Set<string>): string[] {
  const problems: string[] = [];
  const asked = askedFor(manifest);
  for (const permission of asked) {
    const evidence = USED_BY[permission];
    if (evidence && !evidence.test(code)) problems.push(`"${permission}" is asked for, but no code uses it.`);
    if (!evidence && !isGroup(permission)) problems.push(`"${permission}" is asked for, and this check does not know how to see it used: add it to USED_BY.`);
    if (!justifications.has(permission)) problems.push(`"${permission}" has no justification in store/permissions.md.`);
  }
  for (const [name, { api, permission }] of Object.entries(NEEDS)) {
    const call = api.exec(code);
    if (call && !permission.some((p) => asked.includes(p))) problems.push(`The code calls ${call[0]} (${name}), but the manifest does not ask for "${permission[0]}".`);
  }
  return problems;
}

const isGroup = (name: string) => name.includes(' ');
