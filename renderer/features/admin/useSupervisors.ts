import { useCallback, useEffect, useState } from 'react';
import { SUPERVISORS_DEFAULT_PAGE_SIZE, type Supervisor, type SupervisorsResponse } from '../../../shared/api';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export const SUPERVISORS_PAGE_SIZE = SUPERVISORS_DEFAULT_PAGE_SIZE;

/** The administrator's list: the search and page asked for, the page the server answered, and its rows kept fresh. */
export function useSupervisors(pageSize = SUPERVISORS_PAGE_SIZE) {
  const bridge = useBridge();
  const [query, setQuery] = useState({ q: '', page: 1 });
  const [list, setList] = useState<SupervisorsResponse | null>(null);
  const [error, setError] = useState<SecurusErrorInfo | null>(null);
  // The query the latest answer (or failure) is for: while it is not the one asked, the list is loading.
  const [answered, setAnswered] = useState<typeof query | null>(null);

  useEffect(() => {
    // An answer for a search or page the administrator has since left is dropped.
    let current = true;
    const request = { ...(query.q === '' ? {} : { q: query.q }), page: query.page, pageSize };
    unwrap(bridge.listSupervisors(request))
      .then((answer) => {
        if (current) {
          setList(answer);
          setError(null);
          setAnswered(query);
        }
      })
      .catch((failure: unknown) => {
        if (current) {
          setError(toErrorInfo(failure));
          setAnswered(query);
        }
      });
    return () => {
      current = false;
    };
  }, [bridge, query, pageSize]);

  const search = useCallback((q: string) => setQuery({ q: q.trim(), page: 1 }), []);
  const goToPage = useCallback((page: number) => setQuery((current) => ({ ...current, page })), []);
  /** An action's answer: the account as it now is, shown without asking for the page again. */
  const replaceRow = useCallback((supervisor: Supervisor) => {
    setList(
      (current) =>
        current && {
          ...current,
          supervisors: current.supervisors.map((row) => (row.id === supervisor.id ? supervisor : row)),
        },
    );
  }, []);

  return { query, list, error, loading: answered !== query, search, goToPage, replaceRow };
}
