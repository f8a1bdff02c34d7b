import { useCallback, useEffect, useRef, useState } from 'react';
import { SECURITY_EVENTS_PAGE_MAX, type SecurityEvent } from '../../../shared/api';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export const FIRST_PAGE = 10;
export const MORE_PAGE = 30;
/** The list stops here: older events are for the server's audit, not for a settings page. */
export const MOST_SHOWN = SECURITY_EVENTS_PAGE_MAX;

export interface SecurityEventsState {
  /** null until the first page arrives. */
  events: SecurityEvent[] | null;
  /** Whether the server holds older events than those shown. */
  olderExist: boolean;
  error: SecurusErrorInfo | null;
  loadingMore: boolean;
  /** Set by each Show more that added rows: the index of the first new one, which takes focus. */
  added: { from: number } | null;
}

const INITIAL: SecurityEventsState = { events: null, olderExist: false, error: null, loadingMore: false, added: null };

/**
 * The account's security events, newest first: a first page, then older ones on request (Show more) up to
 * MOST_SHOWN. `refreshKey` changes when new events exist; the list then reloads as many rows as it shows. An answer
 * that arrives after a newer load began is dropped.
 */
export function useSecurityEvents(refreshKey: number) {
  const bridge = useBridge();
  const [state, setState] = useState<SecurityEventsState>(INITIAL);
  const cursor = useRef<string | null>(null);
  const shown = useRef(0);
  const generation = useRef(0);
  // A ref, not state: two presses before the next render still start one request.
  const busy = useRef(false);

  useEffect(() => {
    const current = ++generation.current;
    const limit = Math.min(MOST_SHOWN, Math.max(FIRST_PAGE, shown.current));
    unwrap(bridge.listSecurityEvents({ limit })).then(
      (page) => {
        if (current === generation.current) {
          cursor.current = page.nextBefore;
          shown.current = page.events.length;
          setState({ ...INITIAL, events: page.events, olderExist: page.nextBefore !== null });
        }
      },
      (failure: unknown) => {
        if (current === generation.current) {
          setState((previous) => ({ ...previous, error: toErrorInfo(failure), loadingMore: false }));
        }
      },
    );
  }, [bridge, refreshKey]);

  const showMore = useCallback(async () => {
    const before = cursor.current;
    const room = MOST_SHOWN - shown.current;
    if (busy.current || before === null || room <= 0) {
      return;
    }
    busy.current = true;
    const current = generation.current;
    setState((previous) => ({ ...previous, loadingMore: true, error: null }));
    try {
      const page = await unwrap(bridge.listSecurityEvents({ limit: Math.min(MORE_PAGE, room), before }));
      if (current !== generation.current) {
        return;
      }
      const from = shown.current;
      cursor.current = page.nextBefore;
      shown.current += page.events.length;
      setState((previous) => ({
        events: [...(previous.events ?? []), ...page.events],
        olderExist: page.nextBefore !== null,
        error: null,
        loadingMore: false,
        added: page.events.length > 0 ? { from } : null,
      }));
    } catch (failure) {
      if (current === generation.current) {
        setState((previous) => ({ ...previous, error: toErrorInfo(failure), loadingMore: false }));
      }
    } finally {
      busy.current = false;
    }
  }, [bridge]);

  const canShowMore = state.events !== null && state.olderExist && state.events.length < MOST_SHOWN;
  return { ...state, canShowMore, showMore };
}
