/**
 * Resolves after the current macrotask: by then every chunk already received has been processed,
 * and every promise reaction queued before it has run. Callers share one queue, so they resume in
 * the order they asked.
 */
export const nextTask: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(resolve))
    : (() => {
        const channel = new MessageChannel();
        const waiting: (() => void)[] = [];
        channel.port1.onmessage = () => waiting.shift()?.();
        return () =>
          new Promise<void>((resolve) => {
            waiting.push(resolve);
            channel.port2.postMessage(0);
          });
      })();
