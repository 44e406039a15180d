import { useCallback, useRef, useState } from 'react';

/**
 * Whether an element has come within `margin` of the viewport (and stays true once it has): long
 * lists render their costly parts only for what the user can reach, and keep them.
 */
export function useNearViewport<T extends Element>(margin = '1200px'): [(element: T | null) => void, boolean] {
  const [near, setNear] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!element || near) return;
      observer.current = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            observer.current?.disconnect();
            setNear(true);
          }
        },
        { rootMargin: margin },
      );
      observer.current.observe(element);
    },
    [margin, near],
  );
  return [ref, near];
}
