import { useEffect, useRef } from 'react';
import { PasswordDialog } from '../../components/PasswordDialog';
import { BackupCodesDialog } from './BackupCodesDialog';
import { SetupScanStep } from './SetupScanStep';
import { SetupStart, type UnfinishedSetup } from './SetupStart';
import type { useTwoFactorSetup } from './useTwoFactorSetup';

interface TwoFactorSetupProps {
  setup: ReturnType<typeof useTwoFactorSetup>;
  clockSkewSeconds: number | null | undefined;
  /** "Securus: alice", as the authenticator app lists the entry. */
  accountLabel: string;
  /** A setup verified earlier but never confirmed (the server remembers it): its entry in the app must go first. */
  unfinishedSetup?: UnfinishedSetup | null;
  focusUnfinished?: boolean;
}

export function TwoFactorSetup(props: TwoFactorSetupProps) {
  const { setup, clockSkewSeconds, accountLabel, unfinishedSetup = null, focusUnfinished = false } = props;
  const { state, generate, submitPassword, cancelPassword, verify, confirm, cancel } = setup;

  const enrollment = state.status === 'scanning' || state.status === 'backup_codes' ? state.enrollment : null;
  // Generate QR Code replaces its own button (and perhaps a password prompt) with the QR step: focus goes there.
  const scanHeading = useRef<HTMLHeadingElement>(null);
  const enrollmentId = enrollment?.enrollmentId ?? null;
  useEffect(() => {
    if (enrollmentId !== null) {
      scanHeading.current?.focus();
    }
  }, [enrollmentId]);

  return (
    <div className="stack">
      <p>
        Two-Factor Authentication is off. Turn it on to protect your account with a code from an authenticator app
        (Google Authenticator, Microsoft Authenticator or another TOTP app) in addition to your password.
      </p>
      {enrollment === null ? (
        <SetupStart
          state={state}
          accountLabel={accountLabel}
          unfinishedSetup={unfinishedSetup}
          focusUnfinished={focusUnfinished}
          onGenerate={() => void generate()}
        />
      ) : (
        <SetupScanStep
          key={enrollment.enrollmentId}
          enrollment={enrollment}
          scanning={state.status === 'scanning' ? { busy: state.busy, error: state.error } : null}
          clockSkewSeconds={clockSkewSeconds}
          onVerify={(code) => void verify(code)}
          onCancel={() => void cancel()}
          headingRef={scanHeading}
        />
      )}
      {state.status === 'password_required' ? (
        <PasswordDialog
          title="Confirm your password"
          description="For your security, enter your password again before you change Two-Factor Authentication."
          confirmLabel="Continue"
          busy={state.busy}
          error={state.error}
          onSubmit={(password) => void submitPassword(password)}
          onCancel={cancelPassword}
        />
      ) : null}
      {state.status === 'backup_codes' ? (
        <BackupCodesDialog
          codes={state.codes}
          accountLabel={state.enrollment.accountLabel}
          busy={state.busy}
          error={state.error}
          onConfirm={() => void confirm()}
          onCancel={() => void cancel()}
          expiry={{ expiresAt: state.enrollment.expiresAt, clockSkewSeconds }}
        />
      ) : null}
    </div>
  );
}
