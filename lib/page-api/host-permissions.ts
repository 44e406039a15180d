import { browser } from '../platform/browser';
import { ALL_SITES, originPattern } from './presence';

/**
 * Asks the browser for the host access the page API needs on a site (or on all sites). Call it
 * straight from a click: browsers grant permissions only during a user gesture. Resolves
 * whether access was granted (at once, when the extension has it already).
 */
export function requestSiteAccess(site: string | 'all'): Promise<boolean> {
  const origins = site === 'all' ? ALL_SITES : [originPattern(site, !import.meta.env.FIREFOX)];
  return browser.permissions.request({ origins });
}
