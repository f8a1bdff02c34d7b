import { describe, expect, it } from 'vitest';
import { errorInfo } from '../../../../shared/errors';
import {
  initialSetupState,
  setupReducer,
  type Enrollment,
  type SetupEvent,
  type SetupState,
} from '../../../../renderer/features/two-factor/setupMachine';

const enrollment: Enrollment = {
  enrollmentId: 'enr-1',
  secret: 'JBSWY3DPEHPK3PXP',
  otpauthUri: 'otpauth://totp/Securus:alice?secret=JBSWY3DPEHPK3PXP&issuer=Securus',
  accountLabel: 'Securus: alice',
  expiresAt: '2030-01-01T00:10:00Z',
};

function run(events: SetupEvent[], from: SetupState = initialSetupState): SetupState {
  return events.reduce(setupReducer, from);
}

describe('setup state machine', () => {
  it('walks the whole happy path', () => {
    const states = [initialSetupState];
    const events: SetupEvent[] = [
      { type: 'generate' },
      { type: 'enrollment_started', enrollment },
      { type: 'verify' },
      { type: 'verified', codes: ['A', 'B'] },
      { type: 'confirm' },
      { type: 'confirmed', enabledAt: '2030-01-01T00:01:00Z', message: 'On.' },
    ];
    for (const event of events) {
      states.push(setupReducer(states[states.length - 1]!, event));
    }
    expect(states.map((state) => state.status)).toEqual([
      'idle',
      'starting',
      'scanning',
      'scanning',
      'backup_codes',
      'backup_codes',
      'done',
    ]);
    expect(states[6]).toEqual({ status: 'done', enabledAt: '2030-01-01T00:01:00Z', message: 'On.' });
  });

  it('asks for the password on step-up and starts over when it is cancelled', () => {
    const asked = run([{ type: 'generate' }, { type: 'reauth_required' }]);
    expect(asked).toEqual({ status: 'password_required', busy: false, error: null });
    const wrong = run(
      [{ type: 'password_submitted' }, { type: 'password_failed', error: errorInfo('invalid_credentials') }],
      asked,
    );
    expect(wrong).toEqual({ status: 'password_required', busy: false, error: errorInfo('invalid_credentials') });
    expect(run([{ type: 'password_cancelled' }], wrong)).toEqual(initialSetupState);
    expect(run([{ type: 'password_submitted' }, { type: 'enrollment_started', enrollment }], wrong).status).toBe(
      'scanning',
    );
  });

  it('keeps the enrollment after a wrong code, with the error', () => {
    const state = run([
      { type: 'generate' },
      { type: 'enrollment_started', enrollment },
      { type: 'verify' },
      { type: 'verify_failed', error: errorInfo('invalid_code') },
    ]);
    expect(state).toEqual({ status: 'scanning', enrollment, busy: false, error: errorInfo('invalid_code') });
  });

  it('moves to expired when the server no longer knows the enrollment, and Generate starts again', () => {
    for (const code of ['enrollment_expired', 'enrollment_not_found'] as const) {
      const state = run([
        { type: 'generate' },
        { type: 'enrollment_started', enrollment },
        { type: 'verify' },
        { type: 'verify_failed', error: errorInfo(code) },
      ]);
      expect(state).toEqual({ status: 'expired' });
      expect(setupReducer(state, { type: 'generate' })).toEqual({ status: 'starting' });
    }
    const confirming = run([
      { type: 'generate' },
      { type: 'enrollment_started', enrollment },
      { type: 'verified', codes: ['A'] },
      { type: 'confirm' },
      { type: 'confirm_failed', error: errorInfo('enrollment_expired') },
    ]);
    expect(confirming).toEqual({ status: 'expired' });
  });

  it('expires on the local timer only while scanning', () => {
    const scanning = run([{ type: 'generate' }, { type: 'enrollment_started', enrollment }]);
    expect(setupReducer(scanning, { type: 'enrollment_expired' })).toEqual({ status: 'expired' });
    const codes = setupReducer(scanning, { type: 'verified', codes: ['A'] });
    expect(setupReducer(codes, { type: 'enrollment_expired' })).toBe(codes);
  });

  it('ignores events that do not belong to the current state', () => {
    expect(setupReducer(initialSetupState, { type: 'verify' })).toBe(initialSetupState);
    expect(setupReducer(initialSetupState, { type: 'verified', codes: ['A'] })).toBe(initialSetupState);
    expect(setupReducer(initialSetupState, { type: 'confirm' })).toBe(initialSetupState);
    const starting = setupReducer(initialSetupState, { type: 'generate' });
    expect(setupReducer(starting, { type: 'generate' })).toBe(starting);
  });

  it('returns to idle with the error when setup cannot start, and restarts from anywhere', () => {
    const failed = run([
      { type: 'generate' },
      { type: 'start_failed', error: errorInfo('two_factor_already_enabled') },
    ]);
    expect(failed).toEqual({ status: 'idle', error: errorInfo('two_factor_already_enabled') });
    const done = run([{ type: 'confirmed', enabledAt: 'x', message: 'y' }]);
    expect(setupReducer(done, { type: 'restart' })).toEqual(initialSetupState);
  });

  it('Cancel waits for the server, then returns to the start saying whether a code had verified the setup', () => {
    const scanning = run([{ type: 'generate' }, { type: 'enrollment_started', enrollment }]);
    const cancelling = setupReducer(scanning, { type: 'cancel' });
    expect(cancelling).toEqual({ ...scanning, busy: true, error: null });
    expect(setupReducer(cancelling, { type: 'cancelled' })).toEqual({
      status: 'idle',
      error: null,
      cancelled: 'before_verify',
    });
    const codes = run([{ type: 'verified', codes: ['A'] }, { type: 'cancel' }], scanning);
    const offline = errorInfo('server_unreachable');
    expect(setupReducer(codes, { type: 'cancelled', error: offline })).toEqual({
      status: 'idle',
      error: offline,
      cancelled: 'after_verify',
    });
    expect(setupReducer(initialSetupState, { type: 'cancel' })).toBe(initialSetupState);
    expect(setupReducer(initialSetupState, { type: 'cancelled' })).toBe(initialSetupState);
    expect(setupReducer({ status: 'idle', error: null, cancelled: 'after_verify' }, { type: 'generate' })).toEqual({
      status: 'starting',
    });
  });
});
