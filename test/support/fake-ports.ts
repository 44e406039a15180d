import type { PortLike } from '../../lib/messaging/stream';

type Listener<T extends unknown[]> = (...args: T) => void;

function event<T extends unknown[]>() {
  const listeners: Listener<T>[] = [];
  return {
    addListener: (listener: Listener<T>) => void listeners.push(listener),
    emit: (...args: T) => listeners.forEach((listener) => listener(...args)),
  };
}

/**
 * Two connected ports that behave like runtime.Port: messages are structured-cloned and
 * delivered asynchronously, and disconnecting one side fires onDisconnect on the other only.
 */
export function createPortPair(name = 'switchyard-stream'): { client: PortLike; server: PortLike; log: unknown[] } {
  const log: unknown[] = [];
  const sides = [0, 1].map(() => ({ onMessage: event<[unknown]>(), onDisconnect: event<[]>(), open: true }));
  const make = (self: 0 | 1): PortLike => {
    const me = sides[self]!;
    const other = sides[1 - self]!;
    return {
      name,
      postMessage(message) {
        if (!me.open) throw new Error('Attempting to use a disconnected port object');
        const copy = structuredClone(message);
        log.push(copy);
        queueMicrotask(() => other.open && other.onMessage.emit(copy));
      },
      disconnect() {
        if (!me.open) return;
        me.open = false;
        // Messages posted before the disconnect still arrive first, as with runtime ports.
        queueMicrotask(() => {
          if (!other.open) return;
          other.open = false;
          other.onDisconnect.emit();
        });
      },
      onMessage: me.onMessage,
      onDisconnect: me.onDisconnect,
    };
  };
  return { client: make(0), server: make(1), log };
}
