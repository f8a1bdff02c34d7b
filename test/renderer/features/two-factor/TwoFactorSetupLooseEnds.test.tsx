import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { setupKeyColumns } from '../../../../renderer/features/two-factor/SetupKey';
import { TwoFactorTab } from '../../../../renderer/features/two-factor/TwoFactorTab';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

function setup(prepare: (bridge: FakeBridge) => void = () => undefined, autoStart = false) {
  const bridge = createFakeBridge();
  prepare(bridge);
  renderWithBridge(<TwoFactorTab autoStart={autoStart} />, bridge);
  return { bridge, user: userEvent.setup() };
}

async function toScanning(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Generate QR Code' }));
  await screen.findByRole('img', { name: /QR code/ });
}

async function toBackupCodes(user: ReturnType<typeof userEvent.setup>) {
  await toScanning(user);
  await user.type(screen.getByLabelText('6-digit code'), '123456');
  await user.click(screen.getByRole('button', { name: 'Verify' }));
  return screen.findByRole('dialog', { name: 'Backup Codes' });
}

const unfinished = (fake: FakeBridge) =>
  fake.getTwoFactorStatus.mockImplementation(() =>
    ok({
      user: demoUser,
      twoFactor: { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
      reauthenticatedUntil: null,
      unfinishedSetup: { verifiedAt: '2026-11-28T10:00:00Z' },
    }),
  );

describe('Two-Factor Authentication setup: Cancel', () => {
  it('while scanning, abandons the enrollment on the server and returns to the start', async () => {
    const { bridge, user } = setup();
    await toScanning(user);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(bridge.cancelTwoFactorSetup).toHaveBeenCalledWith({ enrollmentId: 'enr-1' });
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toContain('Setup cancelled. Two-Factor Authentication is still off.');
    expect(notice.textContent).toContain('If you already scanned the QR code');
    expect(document.activeElement).toBe(notice);
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Generate QR Code' })).toBeTruthy();
    expect(bridge.confirmTwoFactorSetup).not.toHaveBeenCalled();
  });

  it('over the Backup Codes popup, says the codes and the app’s new entry will not work', async () => {
    const { bridge, user } = setup();
    const dialog = await toBackupCodes(user);
    expect(within(dialog).getByRole('button', { name: 'Cancel' }).getAttribute('aria-describedby')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(bridge.cancelTwoFactorSetup).toHaveBeenCalledWith({ enrollmentId: 'enr-1' });
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toContain('the backup codes you were shown will not work');
    expect(notice.textContent).toContain('delete the new “Securus: alice” entry');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.confirmTwoFactorSetup).not.toHaveBeenCalled();
  });

  it('still returns to the start when the server cannot be told, and says the setup expires by itself', async () => {
    const { user } = setup((fake) => fake.cancelTwoFactorSetup.mockImplementation(() => fail('server_unreachable')));
    await toScanning(user);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('expires by itself within 10 minutes');
    expect(screen.getByRole('alert').textContent).toContain('cannot be reached');
  });
});

describe('Two-Factor Authentication setup: the rest', () => {
  it('counts down to the expiry instead of only naming a time', async () => {
    const { user } = setup();
    await toScanning(user);
    expect(screen.getByTestId('setup-expiry').textContent).toMatch(
      /^This setup expires in (9 min [0-9]+ s|10 min) \(at /,
    );
  });

  it('lays the 32-character key out as two rows of four groups', async () => {
    const { user } = setup();
    await toScanning(user);
    const key = screen.getByTestId('setup-key');
    expect(key.getAttribute('data-columns')).toBe('4');
    expect(key.children).toHaveLength(8);
    expect([4, 5, 6, 7, 8, 9, 12].map(setupKeyColumns)).toEqual([4, 3, 3, 4, 4, 3, 4]);
  });

  it('after a reload over the Backup Codes popup, says the unfinished setup’s entry must be deleted first', async () => {
    const { bridge } = setup(unfinished, true);
    const warning = await screen.findByTestId('unfinished-setup');
    expect(warning.textContent).toContain('Your last setup was not finished');
    expect(warning.textContent).toContain('“Securus: alice” entry');
    expect(warning.textContent).toContain('Delete it from the app before you select Generate QR Code');
    await waitFor(() => expect(document.activeElement).toBe(warning));
    // Arriving from Home does not start a new setup over an entry that still has to go.
    expect(bridge.beginTwoFactorSetup).not.toHaveBeenCalled();
  });

  it('never starts a setup on its own later, once the note is gone after a Cancel', async () => {
    const { bridge, user } = setup(unfinished, true);
    await screen.findByTestId('unfinished-setup');
    await toScanning(user);
    bridge.getTwoFactorStatus.mockImplementation(() =>
      ok({
        user: demoUser,
        twoFactor: { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
        reauthenticatedUntil: null,
        unfinishedSetup: null,
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await screen.findByTestId('notice');
    await waitFor(() => expect(bridge.getTwoFactorStatus).toHaveBeenCalledTimes(2));
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    expect(bridge.beginTwoFactorSetup).toHaveBeenCalledOnce();
  });

  it('from Home, starts Generate QR Code at once', async () => {
    const { bridge } = setup(() => undefined, true);
    expect(await screen.findByRole('img', { name: /QR code/ })).toBeTruthy();
    expect(bridge.beginTwoFactorSetup).toHaveBeenCalledOnce();
  });
});

describe('Backup Codes: Save and Print say what happened', () => {
  it('names the file, a download, or a cancelled dialog; and a print sent, cancelled or handed to the browser', async () => {
    const { bridge, user } = setup();
    const dialog = await toBackupCodes(user);
    // The dialog's own status line (the Copy button and the countdown have theirs).
    const status = () => dialog.querySelector('p.copy-status[role="status"]') as HTMLElement;
    const answers = [
      { saved: false, filePath: null, delivery: 'file', fileName: 'securus-backup-codes.txt' },
      {
        saved: true,
        filePath: '/tmp/x-securus-backup-codes.txt',
        delivery: 'download',
        fileName: 'securus-backup-codes.txt',
      },
    ] as const;
    for (const [answer, text] of [
      [answers[0], 'Not saved: the save dialog was cancelled.'],
      [answers[1], 'Downloaded as securus-backup-codes.txt. Your browser keeps it in its downloads folder.'],
    ] as const) {
      bridge.saveBackupCodes.mockImplementationOnce(() => ok(answer));
      await user.click(within(dialog).getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(status().textContent).toBe(text));
    }
    for (const [outcome, text] of [
      ['sent', 'Sent to the printer.'],
      ['cancelled', 'Not printed: the print dialog was cancelled.'],
      ['browser_dialog', 'Opened in your browser’s print dialog.'],
    ] as const) {
      bridge.printBackupCodes.mockImplementationOnce(() => ok({ printed: outcome !== 'cancelled', outcome }));
      await user.click(within(dialog).getByRole('button', { name: 'Print' }));
      await waitFor(() => expect(status().textContent).toContain(text));
    }
    bridge.saveBackupCodes.mockImplementationOnce(() =>
      fail('save_failed', { message: 'The codes were not saved to /ro/codes.txt: that disk is read-only.' }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(status().textContent).toContain('/ro/codes.txt: that disk is read-only'));
  });
});
