import { useState } from 'react';
import type { Theme } from '../../../shared/ipc/contract';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { useTheme } from '../../app/theme';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toErrorInfo } from '../../lib/bridge';

const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Same as the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function AppearanceTab() {
  const { theme, setTheme } = useTheme();
  const [error, setError] = useState<SecurusErrorInfo | null>(null);

  function choose(next: Theme) {
    setError(null);
    setTheme(next).catch((failure: unknown) => setError(toErrorInfo(failure)));
  }

  return (
    <fieldset className="fieldset">
      <legend>Theme</legend>
      {THEMES.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="radio"
            name="theme"
            value={option.value}
            checked={theme === option.value}
            onChange={() => choose(option.value)}
          />
          {option.label}
        </label>
      ))}
      <ErrorAlert error={error} />
    </fieldset>
  );
}
