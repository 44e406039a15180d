import { useEffect, useRef, useState } from 'react';

/**
 * How many items of a long list to render: a page at first, and a page more whenever the list's
 * end comes within reach of its scroll box, so no render does them all at once (every model of a
 * refreshed catalog, ~560 rows, would take a 100 ms task to show). A list with another `key` (a
 * new search, say) starts again from one page. `end` goes on an element after the last item.
 */
export function useGrowingList<E extends Element>(key: string, total: number, page = 30) {
  const [limit, setLimit] = useState({ key, count: page });
  const count = Math.min(total, limit.key === key ? limit.count : page);
  const end = useRef<E | null>(null);
  useEffect(() => {
    const sentinel = end.current;
    if (!sentinel || count >= total) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setLimit({ key, count: count + page });
      },
      { root: sentinel.parentElement, rootMargin: '0px 0px 400px 0px' },
    );
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [key, count, total, page]);
  return { count, more: total - count, end };
}
