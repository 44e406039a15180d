/**
 * Coalesces many updates per frame into one: streaming answers deliver tokens faster than the
 * screen refreshes, and re-rendering markdown for each token would block the main thread. Sources
 * (a compare's columns) take turns, one per frame: three columns streaming at once would otherwise
 * render together in one task each frame (30–40 ms on a 2-core machine). Each source's latest
 * update is the one applied; the source waiting longest goes first.
 */
export function frameUpdates(requestFrame: (run: () => void) => unknown = (run) => requestAnimationFrame(run)) {
  const pending = new Map<string, () => void>();
  let scheduled = false;
  const frame = () => {
    const next = pending.entries().next();
    if (next.done) {
      scheduled = false;
      return;
    }
    const [source, update] = next.value;
    // Deleted before it runs: an update it causes for the same source queues behind the others.
    pending.delete(source);
    update();
    if (pending.size) requestFrame(frame);
    else scheduled = false;
  };
  return (source: string, update: () => void): void => {
    pending.set(source, update);
    if (scheduled) return;
    scheduled = true;
    requestFrame(frame);
  };
}
