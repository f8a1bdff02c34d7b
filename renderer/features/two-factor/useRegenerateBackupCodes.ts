import { useCallback, useState } from 'react';
import { unwrap, useBridge } from '../../lib/bridge';
import { type PasswordPromptState, usePasswordConfirmedAction } from './usePasswordConfirmedAction';

export type RegenerateState = PasswordPromptState | { status: 'codes'; codes: string[] };

/** Regenerate backup codes: password, then the new codes shown once; every old code stops working. */
export function useRegenerateBackupCodes(onRegenerated: () => void) {
  const bridge = useBridge();
  const [codes, setCodes] = useState<string[] | null>(null);
  const regenerate = useCallback(
    async (password: string) => (await unwrap(bridge.regenerateBackupCodes({ password }))).backupCodes,
    [bridge],
  );
  const prompt = usePasswordConfirmedAction(regenerate, setCodes);

  const acknowledge = useCallback(() => {
    setCodes(null);
    onRegenerated();
  }, [onRegenerated]);

  const state: RegenerateState = codes === null ? prompt.state : { status: 'codes', codes };
  return { ...prompt, state, acknowledge };
}
