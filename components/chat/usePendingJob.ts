import { useEffect, useRef } from 'react';
import { browser } from '@/lib/platform/browser';
import { PENDING_JOB_KEY, PendingJob } from '@/lib/chat/jobs';

const MAX_AGE_MS = 2 * 60_000;

/** Jobs the context menu leaves for the side panel, taken once: at start-up and whenever a new one lands. */
export function usePendingJob(onJob: (job: PendingJob) => void): void {
  const latest = useRef(onJob);
  useEffect(() => {
    latest.current = onJob;
  });

  useEffect(() => {
    const take = async () => {
      const raw = (await browser.storage.session.get(PENDING_JOB_KEY))[PENDING_JOB_KEY];
      const parsed = PendingJob.safeParse(raw);
      if (!parsed.success) return;
      await browser.storage.session.remove(PENDING_JOB_KEY);
      if (Date.now() - parsed.data.createdAt < MAX_AGE_MS) latest.current(parsed.data);
    };
    void take();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && PENDING_JOB_KEY in changes) void take();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
}
