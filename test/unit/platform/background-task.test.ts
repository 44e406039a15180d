import { afterEach, describe, expect, it } from 'vitest';
import { backgroundTask } from '../../../lib/platform/background-task';

const scope = globalThis as { scheduler?: unknown };

describe('backgroundTask', () => {
  afterEach(() => {
    delete scope.scheduler;
  });

  it('posts the work at background priority where the browser schedules tasks', async () => {
    const posted: string[] = [];
    scope.scheduler = { postTask: async (work: () => unknown, options: { priority: string }) => (posted.push(options.priority), work()) };
    expect(await backgroundTask(() => 'done')).toBe('done');
    expect(posted).toEqual(['background']);
  });

  it('runs it on a later turn where it cannot, and never throws for work that fails in the scheduler', async () => {
    const order: string[] = [];
    const task = backgroundTask(() => order.push('work'));
    order.push('now');
    await task;
    expect(order).toEqual(['now', 'work']);
    scope.scheduler = { postTask: async () => Promise.reject(new Error('aborted')) };
    await expect(backgroundTask(() => 1)).resolves.toBeUndefined();
  });
});
