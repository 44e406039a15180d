import * as z from 'zod/mini';
import type { PageContext, PageTab } from '../ledger/db';

/** At most this many tabs go with one question: past it, each gets too little of the window to matter. */
export const MAX_TABS = 8;

/** An open tab as "Add tabs…" lists it. */
export const OpenTab = z.object({
  id: z.int(),
  title: z.string(),
  url: z.string(),
  favIconUrl: z.optional(z.string()),
  active: z.boolean(),
  /** Why it cannot be read (a browser page, a store page), or absent when it can. */
  unreadable: z.optional(z.string()),
});
export type OpenTab = z.infer<typeof OpenTab>;

export const siteOf = (url: string) => {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
};

/** Several tabs as one page context: each kept apart (its own share of the window, its own chip). */
export function tabsContext(tabs: PageTab[]): PageContext | undefined {
  if (tabs.length === 0) return undefined;
  return {
    kind: 'tabs',
    url: tabs[0]!.url,
    title: tabs.map((t) => t.title || siteOf(t.url)).join(' · '),
    text: tabs.map((t) => t.text).join('\n\n'),
    tabs,
  };
}
