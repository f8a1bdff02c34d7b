import { describe, expect, it } from 'vitest';
import { errorInfo } from '../../../../shared/errors';
import {
  changeReducer,
  initialChangeState,
  pendingChange,
  type AuthenticatorChange,
  type ChangeEvent,
  type ChangeState,
} from '../../../../renderer/features/two-factor/changeAuthenticatorMachine';

const change: AuthenticatorChange = {
  enrollmentId: 'chg-1',
  secret: 'KRSXG5CTMVRXEZLU',
  otpauthUri: 'otpauth://totp/Securus:alice?secret=KRSXG5CTMVRXEZLU&issuer=Securus',
  accountLabel: 'Securus: alice',
  expiresAt: '2030-01-01T00:10:00Z',
};

function run(events: ChangeEvent[], from: ChangeState = initialChangeState): ChangeState {
  return events.reduce(changeReducer, from);
}

const scanning = run([{ type: 'start' }, { type: 'started', change }]);

describe('change authenticator state machine', () => {
  it('walks start → scanning → verify → back to idle', () => {
    expect(scanning).toEqual({ status: 'scanning', change, busy: false, error: null });
    expect(run([{ type: 'verify', change }], scanning)).toMatchObject({ busy: true });
    expect(run([{ type: 'verify', change }, { type: 'changed' }], scanning)).toEqual(initialChangeState);
  });

  it('asks for the password at the start without anything to delete, and at Verify with the change to resume', () => {
    const atStart = run([{ type: 'start' }, { type: 'reauth_required', resume: null }]);
    expect(atStart).toMatchObject({ status: 'password', resume: null });
    expect(pendingChange(atStart)).toBeNull();
    const atVerify = run([{ type: 'reauth_required', resume: { change, code: '123456' } }], scanning);
    expect(pendingChange(atVerify)).toBe(change);
    expect(run([{ type: 'password_failed', error: errorInfo('invalid_credentials') }], atVerify)).toMatchObject({
      status: 'password',
      busy: false,
      error: { code: 'invalid_credentials' },
      resume: { code: '123456' },
    });
  });

  it('keeps a wrong code on screen, ends on a lost change, and drops out when 2FA was turned off', () => {
    const wrong = run(
      [
        { type: 'verify', change },
        { type: 'verify_failed', error: errorInfo('invalid_code') },
      ],
      scanning,
    );
    expect(wrong).toMatchObject({ status: 'scanning', busy: false, error: { code: 'invalid_code' } });
    for (const code of ['enrollment_expired', 'enrollment_not_found'] as const) {
      expect(run([{ type: 'verify_failed', error: errorInfo(code) }], scanning)).toEqual({ status: 'expired' });
    }
    expect(run([{ type: 'verify_failed', error: errorInfo('two_factor_not_enabled') }], scanning)).toMatchObject({
      status: 'idle',
      error: { code: 'two_factor_not_enabled' },
    });
    expect(run([{ type: 'expired' }], scanning)).toEqual({ status: 'expired' });
    expect(run([{ type: 'start' }], { status: 'expired' })).toEqual({ status: 'starting' });
  });

  it('cancels from any step to idle, and ignores a second start while one is running', () => {
    expect(run([{ type: 'cancelled' }], scanning)).toEqual(initialChangeState);
    expect(run([{ type: 'start' }], { status: 'starting' })).toEqual({ status: 'starting' });
    expect(pendingChange({ status: 'expired' })).toBeNull();
  });
});
