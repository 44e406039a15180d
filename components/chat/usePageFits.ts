import { useEffect, useState } from 'react';
import type { PageFitResult } from '@/lib/chat/page-fit-text';
import type { PageContext } from '@/lib/ledger/db';
import { callBackground } from '@/lib/messaging/browser';
import { fitRequestOf } from '@/lib/chat/page-prompt';

/** Typing pauses this long before a page is fitted again (a fit sends the page to the background). */
const SETTLE_MS = 250;
const NONE: ReadonlyMap<string, PageFitResult> = new Map();

/**
 * How much of a page each model would get beside a conversation of `conversationTokens`, asked of
 * the background whenever the page, the models or the conversation change: the chip shows it
 * before anything is sent.
 */
export function usePageFits(page: PageContext | undefined, models: readonly string[], conversationTokens: number): ReadonlyMap<string, PageFitResult> {
  const key = models.join('\n');
  // Fits are kept with what they were fitted for: a new page or model never shows the last one's.
  const [fitted, setFitted] = useState<{ page?: PageContext; key: string; fits: ReadonlyMap<string, PageFitResult> }>({ key: '', fits: NONE });
  useEffect(() => {
    if (!page || !key) return;
    let current = true;
    const timer = setTimeout(() => {
      void Promise.all(
        key.split('\n').map(async (model) => {
          const fit = await callBackground('context.fit', { ...fitRequestOf(page), model, reserveTokens: conversationTokens }).catch(() => undefined);
          return fit ? ([model, fit] as const) : undefined;
        }),
      ).then((results) => {
        if (current) setFitted({ page, key, fits: new Map(results.filter((r) => r !== undefined)) });
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [page, key, conversationTokens]);
  // A fit for a slightly shorter conversation stands until the new one comes: better than none.
  return fitted.page === page && fitted.key === key ? fitted.fits : NONE;
}
