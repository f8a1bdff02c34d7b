import { useEffect, useState } from 'react';
import type { SecurusErrorInfo } from '../../shared/errors';
import { toErrorInfo } from './bridge';

/**
 * Loads something through the bridge when the component mounts and again whenever `refreshKey` changes. An answer
 * that arrives after the component has moved on is dropped, so a slow, stale answer never overwrites a newer one.
 * `load` must be stable (wrap it in useCallback).
 */
export function useBridgeQuery<T>(
  load: () => Promise<T>,
  refreshKey: unknown = null,
): { data: T | null; error: SecurusErrorInfo | null } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<SecurusErrorInfo | null>(null);

  useEffect(() => {
    let current = true;
    load()
      .then((loaded) => {
        if (current) {
          setData(loaded);
          setError(null);
        }
      })
      .catch((failure: unknown) => {
        if (current) {
          setError(toErrorInfo(failure));
        }
      });
    return () => {
      current = false;
    };
  }, [load, refreshKey]);

  return { data, error };
}
