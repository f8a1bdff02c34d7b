import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { cleanCodeInput, CodeField, isCompleteCode, type CodeKind } from '../../../renderer/components/CodeField';

function Harness({ kind }: { kind: CodeKind }) {
  const [value, setValue] = useState('');
  return <CodeField kind={kind} value={value} onChange={setValue} />;
}

describe('CodeField', () => {
  it('is a numeric one-time-code field for TOTP codes', () => {
    render(<Harness kind="totp" />);
    const input = screen.getByLabelText('6-digit code');
    expect(input.getAttribute('inputmode')).toBe('numeric');
    expect(input.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input.hasAttribute('maxlength')).toBe(false);
  });

  it('accepts a pasted "123 456" as 123456', async () => {
    const user = userEvent.setup();
    render(<Harness kind="totp" />);
    const input = screen.getByLabelText<HTMLInputElement>('6-digit code');
    input.focus();
    await user.paste('123 456');
    expect(input.value).toBe('123456');
  });

  it('drops letters and extra digits from a TOTP code', async () => {
    const user = userEvent.setup();
    render(<Harness kind="totp" />);
    const input = screen.getByLabelText<HTMLInputElement>('6-digit code');
    await user.type(input, '12a34-5678');
    expect(input.value).toBe('123456');
  });

  it('switches to the backup-code format: text, upper case, dashes kept', async () => {
    const user = userEvent.setup();
    render(<Harness kind="backup_code" />);
    const input = screen.getByLabelText<HTMLInputElement>('Backup code');
    expect(input.getAttribute('inputmode')).toBe('text');
    await user.type(input, 'k7qx9-2mfpa-h3wzt');
    expect(input.value).toBe('K7QX9-2MFPA-H3WZT');
  });

  it('tells a whole code (which submits itself at sign-in) from a part of one', () => {
    expect(isCompleteCode('totp', '123456')).toBe(true);
    expect(isCompleteCode('totp', '12345')).toBe(false);
    expect(isCompleteCode('backup_code', 'K7QX9-2MFPA-H3WZT')).toBe(true);
    expect(isCompleteCode('backup_code', 'K7QX9-2MFPA-H3WZ')).toBe(false);
  });

  it('cleans input the same way outside a field', () => {
    expect(cleanCodeInput('totp', ' 12 34 56 ')).toBe('123456');
    expect(cleanCodeInput('backup_code', 'ab0cd 1ef')).toBe('ABCDEF');
  });
});
