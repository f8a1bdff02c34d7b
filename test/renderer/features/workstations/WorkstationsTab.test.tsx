import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { WorkstationsResponse } from '../../../../shared/api';
import { WorkstationsTab } from '../../../../renderer/features/workstations/WorkstationsTab';
import { createFakeBridge, fail, ok, renderWithBridge } from '../../support/fakeBridge';

const AT = '2026-12-03T13:05:09.000Z';

/** A server holding two remembered workstations and two sessions; each action removes its row, as the server does. */
function account() {
  const bridge = createFakeBridge();
  const state: WorkstationsResponse = {
    rememberedWorkstations: [
      { id: 'w1', label: 'FRONT-DESK-01', createdAt: AT, lastUsedAt: null, expiresAt: '2026-12-17T13:05:09.000Z' },
      { id: 'w2', label: 'NIGHT-DESK', createdAt: AT, lastUsedAt: AT, expiresAt: '2026-12-17T13:05:09.000Z' },
    ],
    sessions: [
      { id: 's1', createdAt: AT, lastSeenAt: AT, current: true },
      { id: 's2', createdAt: '2026-12-03T08:00:00.000Z', lastSeenAt: AT, current: false },
    ],
  };
  bridge.listWorkstations.mockImplementation(() => ok(structuredClone(state)));
  bridge.forgetWorkstation.mockImplementation(({ id }) => {
    state.rememberedWorkstations = state.rememberedWorkstations.filter((item) => item.id !== id);
    return ok({ forgotten: true as const });
  });
  bridge.endSession.mockImplementation(({ id }) => {
    state.sessions = state.sessions.filter((item) => item.id !== id);
    return ok({ current: false });
  });
  renderWithBridge(<WorkstationsTab />, bridge);
  return { bridge, user: userEvent.setup() };
}

describe('Signed-in workstations', () => {
  it('lists remembered workstations with Forget, and forgets only the one chosen', async () => {
    const { bridge, user } = account();
    const table = await screen.findByRole('table', { name: 'Remembered workstations' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('Not yet')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Forget FRONT-DESK-01' }));
    expect(bridge.forgetWorkstation).toHaveBeenCalledWith({ id: 'w1' });
    expect((await screen.findByRole('status')).textContent).toContain('FRONT-DESK-01 is forgotten');
    await screen.findByRole('button', { name: 'Forget NIGHT-DESK' });
    expect(screen.queryByRole('button', { name: 'Forget FRONT-DESK-01' })).toBeNull();
  });

  it('marks the current session, which has no Sign out, and signs out another', async () => {
    const { bridge, user } = account();
    const table = await screen.findByRole('table', { name: 'Active sessions' });
    const [, current, other] = within(table).getAllByRole('row');
    expect(current!.textContent).toContain('This console (current)');
    expect(within(current!).queryByRole('button')).toBeNull();
    await user.click(within(other!).getByRole('button', { name: /^Sign out the session signed in/ }));
    expect(bridge.endSession).toHaveBeenCalledWith({ id: 's2' });
    await screen.findByRole('status');
    expect(within(screen.getByRole('table', { name: 'Active sessions' })).getAllByRole('row')).toHaveLength(2);
  });

  it('says when nothing is remembered, and shows a failed action as an error', async () => {
    const { bridge, user } = account();
    bridge.forgetWorkstation.mockImplementation(() => fail('server_unreachable'));
    await user.click(await screen.findByRole('button', { name: 'Forget NIGHT-DESK' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    bridge.listWorkstations.mockImplementation(() => ok({ rememberedWorkstations: [], sessions: [] }));
    bridge.forgetWorkstation.mockImplementation(() => ok({ forgotten: true as const }));
    await user.click(screen.getByRole('button', { name: 'Forget NIGHT-DESK' }));
    expect(await screen.findByText(/No workstation skips the code/)).toBeTruthy();
  });
});
