import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { Theme } from '../../shared/ipc/contract';
import { unwrap, useBridge } from '../lib/bridge';

export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') {
    delete root.dataset.theme;
  } else {
    root.dataset.theme = theme;
  }
}

interface ThemeValue {
  theme: Theme;
  setTheme: (theme: Theme) => Promise<void>;
}

const ThemeContext = createContext<ThemeValue | null>(null);

/** The saved theme ('system' follows prefers-color-scheme through the stylesheet alone). */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const bridge = useBridge();
  const [theme, setThemeState] = useState<Theme>('system');
  // Nothing is drawn until the saved theme is known (a local read): no flash of the other theme at start.
  const [known, setKnown] = useState(false);

  useEffect(() => {
    unwrap(bridge.getSettings({}))
      .then((settings) => setThemeState(settings.theme))
      .catch(() => undefined)
      .finally(() => setKnown(true));
  }, [bridge]);

  useEffect(() => applyTheme(theme), [theme]);

  const setTheme = useCallback(
    async (next: Theme) => {
      // Shown at once, saved behind it; a failed save puts the previous theme back.
      const previous = theme;
      setThemeState(next);
      try {
        const saved = await unwrap(bridge.updateSettings({ theme: next }));
        setThemeState(saved.theme);
      } catch (error) {
        setThemeState(previous);
        throw error;
      }
    },
    [bridge, theme],
  );

  return <ThemeContext.Provider value={{ theme, setTheme }}>{known ? children : null}</ThemeContext.Provider>;
}

export function useTheme(): ThemeValue {
  const value = useContext(ThemeContext);
  if (!value) {
    throw new Error('useTheme() outside <ThemeProvider>');
  }
  return value;
}
