import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SecurityEvent } from '../../../../shared/api';
import { SecurityEvents } from '../../../../renderer/features/two-factor/SecurityEvents';
import { createFakeBridge, fail, ok, renderWithBridge } from '../../support/fakeBridge';

const AT = '2026-12-03T13:05:09.000Z';

function event(id: string, fields: Partial<SecurityEvent> = {}): SecurityEvent {
  return { id, type: 'login_succeeded', at: AT, ipAddress: '10.0.0.7', method: 'totp', detail: null, ...fields };
}

/** A server holding `total` sign-ins e0 (newest) … e<total-1>, paged as GET /me/security-events pages them. */
function history(total: number) {
  const bridge = createFakeBridge();
  const all = Array.from({ length: total }, (_, index) => event(`e${index}`));
  bridge.listSecurityEvents.mockImplementation(({ limit = 50, before }) => {
    const from = before === undefined ? 0 : all.findIndex((item) => item.id === before) + 1;
    const events = all.slice(from, from + limit);
    return ok({ events, nextBefore: from + limit < total ? (events.at(-1)?.id ?? null) : null });
  });
  renderWithBridge(<SecurityEvents refreshKey={0} />, bridge);
  return { bridge, user: userEvent.setup() };
}

const cellsOf = (row: HTMLElement) =>
  within(row)
    .getAllByRole('cell')
    .map((cell) => cell.textContent);

describe('Recent security events', () => {
  it('shows one row per sign-in with its method and result, in a table named for screen readers', async () => {
    const bridge = createFakeBridge();
    bridge.listSecurityEvents.mockImplementation(() =>
      ok({
        events: [
          event('e1'),
          event('e2', { method: 'backup_code' }),
          event('e3', { type: 'second_factor_replayed', detail: 'replayed_code' }),
          event('e4', { type: 'second_factor_failed', method: null, detail: 'locked' }),
          event('e5', { type: 'login_failed', method: 'password', detail: 'wrong_password', ipAddress: null }),
          event('e6', { type: 'backup_codes_regenerated', method: null }),
        ],
        nextBefore: null,
      }),
    );
    renderWithBridge(<SecurityEvents refreshKey={0} />, bridge);
    const table = await screen.findByRole('table', { name: 'Recent security events' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((header) => header.textContent);
    expect(headers).toEqual(['Event', 'Method', 'Result', 'When', 'From']);
    const rows = within(table).getAllByRole('row').slice(1).map(cellsOf);
    expect(rows.map((cells) => cells.slice(0, 3))).toEqual([
      ['Sign-in', 'Authenticator app', 'Signed in'],
      ['Sign-in', 'Backup code', 'Signed in'],
      ['Sign-in', 'Authenticator app', 'Failed: code already used'],
      ['Sign-in', '—', 'Failed: account locked'],
      ['Sign-in', 'Password', 'Failed: wrong password'],
      ['Backup codes regenerated', '—', '—'],
    ]);
    expect(rows[4]?.[4]).toBe('—');
    expect(screen.getByText('Showing all 6 events.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(bridge.listSecurityEvents).toHaveBeenCalledWith({ limit: 10 });
  });

  it('tells the time to the second with the time zone of the workstation', async () => {
    history(1);
    const time = (await screen.findByRole('table')).querySelector('time');
    const zone = new Intl.DateTimeFormat(undefined, { timeZoneName: 'short' })
      .formatToParts(new Date(AT))
      .find((part) => part.type === 'timeZoneName')?.value;
    expect(time?.getAttribute('datetime')).toBe(AT);
    expect(time?.textContent).toMatch(/\d:\d\d:09\b/);
    expect(time?.textContent).toContain(zone);
    expect(time?.textContent).toContain('2026');
  });

  it('Show more adds older rows from the keyboard and moves focus to the first new one', async () => {
    const { bridge, user } = history(25);
    const more = await screen.findByRole('button', { name: 'Show more' });
    expect(screen.getByText('Showing the latest 10 events.')).toBeTruthy();
    more.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByText('Showing all 25 events.')).toBeTruthy();
    expect(bridge.listSecurityEvents).toHaveBeenLastCalledWith({ limit: 30, before: 'e9' });
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(26);
    expect(document.activeElement).toBe(rows[11]);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('stops at 100 rows even when older events exist', async () => {
    const { bridge, user } = history(250);
    for (const shown of [10, 40, 70]) {
      await screen.findByText(`Showing the latest ${shown} events.`);
      screen.getByRole('button', { name: 'Show more' }).focus();
      await user.keyboard('{Enter}');
    }
    expect(await screen.findByText('Showing the latest 100 events, the most this list shows.')).toBeTruthy();
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(101);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    const limits = bridge.listSecurityEvents.mock.calls.map(([request]) => request.limit);
    expect(limits).toEqual([10, 30, 30, 30]);
  });

  it('keeps the rows and the button when older events cannot be loaded', async () => {
    const { bridge, user } = history(12);
    const more = await screen.findByRole('button', { name: 'Show more' });
    bridge.listSecurityEvents.mockImplementationOnce(() => fail('timeout'));
    more.focus();
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('did not answer in time');
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(11);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Show more' }));
  });
});
