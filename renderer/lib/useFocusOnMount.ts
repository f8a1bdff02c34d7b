import { useEffect, useRef } from 'react';

/**
 * A screen's heading (given `tabIndex={-1}`) or first field takes focus when the screen appears, and again each time
 * `visit` changes (the screen chosen again while it shows), so keyboard and screen-reader users start where the
 * screen starts instead of on an emptied page (WCAG 2.4.3).
 */
export function useFocusOnMount<T extends HTMLElement>(visit?: number, skip = false) {
  const target = useRef<T>(null);
  useEffect(() => {
    // `skip`: something on the screen takes focus itself (an outcome's Notice).
    if (!skip) {
      target.current?.focus();
    }
    // Only a new visit moves focus: `skip` turning false later must not pull it away.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visit]);
  return target;
}
