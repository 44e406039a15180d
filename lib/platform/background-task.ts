interface TaskScheduler {
  postTask(callback: () => unknown, options: { priority: 'background' }): Promise<unknown>;
}

/**
 * Runs work when nothing more urgent is queued (the Prioritized Task Scheduling API, in Chrome's
 * workers), or on the next turn where the browser has no such API (Firefox).
 */
export function backgroundTask(work: () => unknown): Promise<unknown> {
  const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
  if (scheduler?.postTask) return scheduler.postTask(work, { priority: 'background' }).catch(() => undefined);
  return new Promise((resolve) => setTimeout(() => resolve(work()), 0));
}
