import type { Ref } from 'react';
import {
  BACKUP_CODE_ALPHABET,
  BACKUP_CODE_LENGTH,
  BACKUP_CODE_GROUPS,
  TOTP_DIGITS,
  normalizeBackupCode,
  normalizeTotpCode,
} from '../../shared/codes';
import { TextField } from './TextField';

export type CodeKind = 'totp' | 'backup_code';

const BACKUP_SYMBOL = new RegExp(`[^${BACKUP_CODE_ALPHABET}-]`, 'g');

/** Keeps what a person can mean: "123 456" pasted becomes "123456"; backup codes upper-cased, dashes kept. */
export function cleanCodeInput(kind: CodeKind, raw: string): string {
  if (kind === 'totp') {
    return raw.replace(/\D/g, '').slice(0, TOTP_DIGITS);
  }
  return raw
    .toUpperCase()
    .replace(/\s/g, '')
    .replace(BACKUP_SYMBOL, '')
    .slice(0, BACKUP_CODE_LENGTH + BACKUP_CODE_GROUPS - 1);
}

/** Whether the field holds a whole code (six digits, or all fifteen symbols of a backup code). */
export function isCompleteCode(kind: CodeKind, value: string): boolean {
  return (kind === 'totp' ? normalizeTotpCode(value) : normalizeBackupCode(value)) !== null;
}

interface CodeFieldProps {
  kind: CodeKind;
  value: string;
  onChange: (value: string) => void;
  label?: string;
  hint?: string;
  disabled?: boolean;
  /** While a code is being checked, or while the account is locked: the field keeps focus, unlike `disabled`. */
  readOnly?: boolean;
  invalid?: boolean;
  autoFocus?: boolean;
  name?: string;
  ref?: Ref<HTMLInputElement>;
}

export function CodeField(props: CodeFieldProps) {
  const { kind, value, onChange, label, hint, disabled, readOnly, invalid, autoFocus, name, ref } = props;
  const isTotp = kind === 'totp';
  return (
    <TextField
      label={label ?? (isTotp ? '6-digit code' : 'Backup code')}
      value={value}
      onChange={(raw) => onChange(cleanCodeInput(kind, raw))}
      hint={hint}
      invalid={invalid}
      name={name ?? (isTotp ? 'totp-code' : 'backup-code')}
      className={`code-input ${isTotp ? 'code-input-totp' : 'code-input-backup'}`}
      inputMode={isTotp ? 'numeric' : 'text'}
      autoComplete={isTotp ? 'one-time-code' : 'off'}
      autoCapitalize={isTotp ? 'off' : 'characters'}
      spellCheck={false}
      placeholder={isTotp ? '123456' : 'XXXXX-XXXXX-XXXXX'}
      disabled={disabled}
      readOnly={readOnly}
      autoFocus={autoFocus}
      ref={ref}
    />
  );
}
