import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Supervisor } from '../../../../shared/api';
import { ConsoleShell } from '../../../../renderer/features/shell/ConsoleShell';
import { SupervisorsView } from '../../../../renderer/features/admin/SupervisorsView';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, supervisorRow } from '../../support/fakeBridge';

const admin = { ...demoUser, id: 'admin-1', username: 'ada', displayName: 'Ada Lovelace', role: 'admin' as const };
const sam = supervisorRow({
  id: 'u-sam',
  username: 'sam',
  displayName: 'Sam Carter',
  twoFactorEnabled: true,
  twoFactorEnabledAt: '2026-11-20T09:30:00Z',
  backupCodesRemaining: 7,
  lockedUntil: '2030-01-01T10:00:00Z',
  lastSignInAt: '2026-12-01T08:00:00Z',
});
const ownRow = supervisorRow({ ...admin, twoFactorEnabled: true, twoFactorEnabledAt: '2026-11-01T09:00:00Z' });

function page(rows: Supervisor[], extra: { total?: number; page?: number; pageSize?: number } = {}) {
  return ok({
    supervisors: rows,
    total: extra.total ?? rows.length,
    page: extra.page ?? 1,
    pageSize: extra.pageSize ?? 25,
  });
}

function showView(rows: Supervisor[] = [ownRow, sam]) {
  const bridge = createFakeBridge();
  bridge.listSupervisors.mockImplementation(() => page(rows));
  const result = renderWithBridge(<SupervisorsView user={admin} visit={1} />, bridge);
  return { ...result, user: userEvent.setup() };
}

async function openAction(user: ReturnType<typeof userEvent.setup>, name: string, title: string) {
  await user.click(await screen.findByRole('button', { name }));
  return screen.getByRole('dialog', { name: title });
}

describe('Supervisors view', () => {
  it('lists each account with its 2FA, codes, lock and last sign-in, in a captioned table', async () => {
    const { bridge } = showView();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Supervisors' }));
    const table = await screen.findByRole('table', { name: 'All accounts' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Username', 'Name', '2FA', 'Backup codes left', 'Locked until', 'Last sign-in', 'Actions']);
    const row = within(table).getByRole('row', { name: /^sam/ });
    expect(within(row).getByRole('rowheader').textContent).toBe('sam');
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells[0]).toBe('Sam Carter');
    expect(cells[1]).toMatch(/^On since .*2026/);
    expect(cells[2]).toBe('7');
    expect(cells[3]).toMatch(/2030/);
    expect(cells[4]).toMatch(/2026/);
    expect(bridge.listSupervisors).toHaveBeenCalledWith({ page: 1, pageSize: 25 });
    // The administrator's own row offers no 2FA action: that is their own User Settings' business.
    const own = within(table).getByTestId('supervisor-ada');
    expect(within(own).getByRole('rowheader').textContent).toBe('ada (you)');
    expect(
      within(own)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Unlock']);
    expect(
      within(row)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Reset 2FA', 'Require new backup codes', 'Unlock']);
    expect(screen.getByRole('status').textContent).toBe('Showing 1–2 of 2, page 1 of 1.');
  });

  it('searches from page 1, and pages with Previous and Next', async () => {
    const { bridge, user } = showView();
    await screen.findByRole('table');
    bridge.listSupervisors.mockImplementation((request) =>
      page([sam], { total: 60, page: request.page ?? 1, pageSize: 25 }),
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), '  Carter {Enter}');
    expect(bridge.listSupervisors).toHaveBeenLastCalledWith({ q: 'Carter', page: 1, pageSize: 25 });
    expect(await screen.findByRole('table', { name: 'Accounts matching “Carter”' })).toBeTruthy();
    const previous = screen.getByRole('button', { name: 'Previous' });
    expect(previous).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(bridge.listSupervisors).toHaveBeenLastCalledWith({ q: 'Carter', page: 2, pageSize: 25 });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Showing 26–26 of 60, page 2 of 3.'));
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    expect(bridge.listSupervisors).toHaveBeenLastCalledWith({ q: 'Carter', page: 1, pageSize: 25 });

    bridge.listSupervisors.mockImplementation(() => page([]));
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'nobody{Enter}');
    expect(await screen.findByText('No account matches “nobody”.')).toBeTruthy();
  });

  it('Reset 2FA: a reason of at least 3 characters, the password when asked, then the updated row and a message', async () => {
    const { bridge, user } = showView();
    bridge.adminResetTwoFactor
      .mockImplementationOnce(() => fail('reauth_required'))
      .mockImplementation(() =>
        ok({ status: 'two_factor_reset', supervisor: { ...sam, twoFactorEnabled: false, twoFactorEnabledAt: null } }),
      );
    bridge.reauthenticate.mockImplementationOnce(() => fail('invalid_credentials'));
    const dialog = await openAction(user, 'Reset 2FA for sam', 'Reset 2FA');
    expect(dialog.textContent).toContain('Sam Carter (sam) will sign in with the password alone');
    const reason = within(dialog).getByLabelText('Reason');
    expect(document.activeElement).toBe(reason);

    await user.type(reason, ' x {Enter}');
    expect(bridge.adminResetTwoFactor).not.toHaveBeenCalled();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.textContent).toContain('Give a reason of at least 3 characters.');

    await user.clear(reason);
    await user.type(reason, '  Lost phone  {Enter}');
    const password = await within(dialog).findByLabelText('Password');
    expect(bridge.adminResetTwoFactor).toHaveBeenCalledWith({ userId: 'u-sam', reason: 'Lost phone' });
    expect(document.activeElement).toBe(password);
    expect(dialog.textContent).toContain('Reason: Lost phone');
    expect(dialog.textContent).toContain('enter your password again');

    await user.type(password, 'wrong{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toContain('That password is not correct.');
    await user.clear(password);
    await user.type(password, 'correct horse{Enter}');
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toContain('Two-Factor Authentication was reset for sam.');
    expect(document.activeElement).toBe(notice);
    expect(bridge.reauthenticate).toHaveBeenLastCalledWith({ password: 'correct horse' });
    expect(bridge.adminResetTwoFactor).toHaveBeenLastCalledWith({ userId: 'u-sam', reason: 'Lost phone' });
    expect(screen.queryByRole('dialog')).toBeNull();
    const row = screen.getByRole('row', { name: /^sam/ });
    expect(within(row).getAllByRole('cell')[1]!.textContent).toBe('Off');
    expect(within(row).queryByRole('button', { name: 'Reset 2FA for sam' })).toBeNull();
  });

  it('Unlock and Require new backup codes say what they did; Escape cancels without a call', async () => {
    const { bridge, user } = showView();
    bridge.adminUnlock.mockImplementation(() => ok({ status: 'unlocked', supervisor: { ...sam, lockedUntil: null } }));
    bridge.adminRequireNewBackupCodes.mockImplementation(() =>
      ok({
        status: 'backup_codes_revoked',
        revoked: 7,
        supervisor: { ...sam, lockedUntil: null, backupCodesRemaining: 0 },
      }),
    );
    await openAction(user, 'Unlock for sam', 'Unlock');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Unlock for sam' }));
    expect(bridge.adminUnlock).not.toHaveBeenCalled();

    await user.keyboard('{Enter}');
    await user.type(
      within(screen.getByRole('dialog', { name: 'Unlock' })).getByLabelText('Reason'),
      'Locked out{Enter}',
    );
    expect((await screen.findByTestId('notice')).textContent).toBe(
      'sam is unlocked and can sign in again; they have been emailed.',
    );
    expect(within(screen.getByRole('row', { name: /^sam/ })).getAllByRole('cell')[3]!.textContent).toBe('Not locked');

    const dialog = await openAction(user, 'Require new backup codes for sam', 'Require new backup codes');
    await user.type(within(dialog).getByLabelText('Reason'), 'Printout lost{Enter}');
    expect((await screen.findByTestId('notice')).textContent).toContain('7 unused backup codes of sam no longer work.');
    expect(within(screen.getByRole('row', { name: /^sam/ })).getAllByRole('cell')[2]!.textContent).toBe('0');
  });

  it('shows the server’s refusal in the dialog and keeps it open', async () => {
    const { bridge, user } = showView();
    bridge.adminRequireNewBackupCodes.mockImplementation(() => fail('own_account_forbidden'));
    const dialog = await openAction(user, 'Require new backup codes for sam', 'Require new backup codes');
    await user.type(within(dialog).getByLabelText('Reason'), 'Printout lost{Enter}');
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Use your own User Settings to change your own Two-Factor Authentication.',
    );
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('says so when the list is refused', async () => {
    const bridge = createFakeBridge();
    bridge.listSupervisors.mockImplementation(() => fail('forbidden'));
    renderWithBridge(<SupervisorsView user={admin} />, bridge);
    expect((await screen.findByRole('alert')).textContent).toBe('Only an administrator can do this.');
    expect(screen.queryByRole('table')).toBeNull();
  });
});

describe('the user menu', () => {
  async function menuItems(user: typeof demoUser | typeof admin) {
    const bridge = createFakeBridge();
    bridge.listSupervisors.mockImplementation(() => page([sam]));
    renderWithBridge(
      <ConsoleShell user={user} backupCodesRemaining={null} onSignOut={vi.fn()} onSessionEnded={vi.fn()} />,
      bridge,
    );
    const events = userEvent.setup();
    await events.click(screen.getByRole('button', { name: new RegExp(user.displayName) }));
    return { events, items: within(screen.getByRole('menu')).getAllByRole('menuitem') };
  }

  it('offers Supervisors to an administrator, which shows the view with focus on its heading', async () => {
    const { events, items } = await menuItems(admin);
    expect(items.map((item) => item.textContent)).toEqual(['User Settings', 'Supervisors', 'Sign out']);
    await events.click(items[1]!);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Supervisors' }));
    expect(await screen.findByRole('row', { name: /^sam/ })).toBeTruthy();
  });

  it('has no Supervisors for a supervisor', async () => {
    const { items } = await menuItems(demoUser);
    expect(items.map((item) => item.textContent)).toEqual(['User Settings', 'Sign out']);
  });
});
