import { classifySecondFactorCode, normalizeResetCode } from '../../../shared/codes';
import type { FieldProblem, SecurusErrorInfo } from '../../../shared/errors';
import { errorText } from '../../lib/errorText';
import type { RemovalCodeField } from './TwoFactorRemovalFields';

/** The reset form's fields, in the order they appear: the first one with a problem takes focus. */
export const RESET_FIELDS = ['token', 'newPassword', 'repeated', 'secondFactorCode'] as const;
export type ResetField = (typeof RESET_FIELDS)[number];
export type ResetFieldErrors = Partial<Record<ResetField, string>>;

/** Mirrors NEW_PASSWORD_MIN_LENGTH of shared/api/common.ts, which cannot be imported here without bundling zod. */
export const NEW_PASSWORD_MIN_LENGTH = 12;

export const INVALID_RESET_CODE =
  'That code is not valid or has expired. Select Send a new code to get another one, then enter the newest code.';

export interface ResetFormValues {
  token: string;
  newPassword: string;
  repeated: string;
  secondFactorCode: string;
  codeField: RemovalCodeField;
}

/** Every problem the form can see before asking the server, all at once, as `validation_failed` would list them. */
export function checkResetForm(values: ResetFormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const code = values.secondFactorCode.trim();
  if (normalizeResetCode(values.token) === null) {
    problems.push({
      path: 'token',
      message: 'Enter the code from the email: 20 letters and digits, such as ABCDE-FGHJK-MNPQR-STUVW.',
    });
  }
  if (values.newPassword.length < NEW_PASSWORD_MIN_LENGTH) {
    problems.push({
      path: 'newPassword',
      message: `Choose a new password of at least ${NEW_PASSWORD_MIN_LENGTH} characters.`,
    });
  }
  if (values.repeated !== values.newPassword) {
    problems.push({ path: 'repeated', message: 'The two new passwords are not the same.' });
  }
  if (values.codeField === 'required' && classifySecondFactorCode(code) === null) {
    problems.push({
      path: 'secondFactorCode',
      message: 'Enter a 6-digit code from your authenticator app or one of your backup codes.',
    });
  } else if (values.codeField === 'optional' && code !== '' && classifySecondFactorCode(code) === null) {
    problems.push({
      path: 'secondFactorCode',
      message:
        'Enter a 6-digit code from your authenticator app or one of your backup codes, or leave the code empty to ' +
        'remove Two-Factor Authentication after the waiting period.',
    });
  }
  return problems;
}

const FIELD_OF_CODE: Partial<Record<SecurusErrorInfo['code'], ResetField>> = {
  invalid_reset_token: 'token',
  password_too_weak: 'newPassword',
  second_factor_required: 'secondFactorCode',
  invalid_code: 'secondFactorCode',
  code_already_used: 'secondFactorCode',
};

function isResetField(path: string): path is ResetField {
  return (RESET_FIELDS as readonly string[]).includes(path);
}

/**
 * Splits an error into problems beside their fields and what belongs to the whole form (a lock, a limit, the server
 * out of reach). A problem for a field that is not on screen (`shown` says which are) stays with the form.
 */
export function placeResetError(
  error: SecurusErrorInfo | null,
  shown: (field: ResetField) => boolean,
): { fields: ResetFieldErrors; form: SecurusErrorInfo | null } {
  if (!error) {
    return { fields: {}, form: null };
  }
  if (error.code === 'validation_failed' && error.details && error.details.length > 0) {
    const fields: ResetFieldErrors = {};
    const rest = error.details.filter((problem) => {
      if (isResetField(problem.path) && shown(problem.path)) {
        fields[problem.path] = fields[problem.path] ? `${fields[problem.path]} ${problem.message}` : problem.message;
        return false;
      }
      return true;
    });
    return { fields, form: rest.length > 0 ? { ...error, details: rest } : null };
  }
  const field = FIELD_OF_CODE[error.code];
  if (field && shown(field)) {
    return { fields: { [field]: field === 'token' ? INVALID_RESET_CODE : errorText(error) }, form: null };
  }
  return { fields: {}, form: error };
}
