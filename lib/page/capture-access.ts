import { browser } from '../platform/browser';

/** What the browser's tab capture accepts instead of activeTab: access to every page. */
export const CAPTURE_ORIGINS = ['<all_urls>'];

/** Whether Switchyard may capture any tab, not only the one it was opened from. */
export function hasCaptureAccess(): Promise<boolean> {
  return browser.permissions.contains({ origins: CAPTURE_ORIGINS });
}

/**
 * Asks the browser to let Switchyard capture any tab. Call it straight from a click: browsers
 * grant permissions only during a user gesture. Resolves whether access was granted.
 */
export function requestCaptureAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: CAPTURE_ORIGINS });
}
