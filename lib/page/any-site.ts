import { browser } from '../platform/browser';

/** Reading the pages a search found means fetching any site: granted once, from Options → Providers. */
export const READ_ANY_SITE = ['<all_urls>'];

/** Whether the background may fetch any site (the user granted it, and has not taken it back). */
export const canReadAnySite = (): Promise<boolean> => browser.permissions.contains({ origins: READ_ANY_SITE });
