/** How often a page in use reaches the background: under Chrome's 30 idle seconds. */
export const WARM_EVERY_MS = 20_000;
/** How long after the last key press, click or focus a page still counts as in use. */
export const IN_USE_FOR_MS = 5 * 60_000;

/** The input events that say someone is using the page. */
const USE_EVENTS = ['keydown', 'pointerdown', 'focus'] as const;

export interface WarmDeps {
  /** A cheap call to the background (any message resets the worker's idle timer). */
  ping: () => Promise<unknown>;
  now: () => number;
  visible: () => boolean;
  listen: (type: (typeof USE_EVENTS)[number], listener: () => void) => () => void;
  every: (work: () => void, ms: number) => () => void;
}

/**
 * Keeps the background service worker running while someone is using this page. Chrome stops an
 * idle worker after 30 seconds, and a stopped one adds ~50 ms to the next answer's first token
 * (BENCHMARKS.md): a follow-up question typed in the side panel a minute later would wait for it.
 * The page reaches the background every 20 s while it is visible and was used in the last five
 * minutes; after that the worker is left to stop. When the page is used again after such a pause,
 * it reaches the background at once, so the worker starts while the question is still being typed
 * rather than when it is sent. Returns a function that stops it.
 */
export function keepBackgroundWarm(deps: WarmDeps): () => void {
  let lastUse = deps.now();
  let lastPing = deps.now();
  const ping = () => {
    lastPing = deps.now();
    void deps.ping().catch(() => undefined);
  };
  const used = () => {
    lastUse = deps.now();
    if (deps.visible() && lastUse - lastPing >= WARM_EVERY_MS) ping();
  };
  const unlisten = USE_EVENTS.map((type) => deps.listen(type, used));
  const stop = deps.every(() => {
    if (deps.visible() && deps.now() - lastUse < IN_USE_FOR_MS) ping();
  }, WARM_EVERY_MS);
  return () => {
    stop();
    for (const off of unlisten) off();
  };
}
