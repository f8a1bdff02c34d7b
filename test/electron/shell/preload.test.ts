import { describe, expect, expectTypeOf, it, vi } from 'vitest';
import { buildSecurusBridge } from '../../../electron/preload/bridge';
import { IPC_CHANNELS, ipcContract, type SecurusBridge } from '../../../shared/ipc/contract';

const exposed: Record<string, unknown> = {};
const invoked: { channel: string; request: unknown }[] = [];

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, request: unknown) => {
      invoked.push({ channel, request });
      return { ok: true, value: { channel } };
    },
    send: () => undefined,
    on: () => undefined,
  },
}));

await import('../../../electron/preload/index');

describe('preload', () => {
  it('exposes exactly one object, window.securus', () => {
    expect(Object.keys(exposed)).toEqual(['securus']);
  });

  it("exposes exactly the contract's function names and nothing else", () => {
    const securus = exposed.securus as Record<string, unknown>;
    const expected = IPC_CHANNELS.map((channel) => ipcContract[channel].name).sort();
    expect(Object.keys(securus).sort()).toEqual(expected);
    expect(new Set(expected).size).toBe(IPC_CHANNELS.length);
    for (const name of expected) {
      expect(typeof securus[name], name).toBe('function');
    }
    expect(Object.isFrozen(securus)).toBe(true);
  });

  it('has each function invoke only its own channel, passing the request through', async () => {
    const securus = exposed.securus as Record<string, (request: unknown) => Promise<unknown>>;
    for (const channel of IPC_CHANNELS) {
      invoked.length = 0;
      const result = await securus[ipcContract[channel].name]!({ probe: channel });
      expect(invoked).toEqual([{ channel, request: { probe: channel } }]);
      expect(result).toEqual({ ok: true, value: { channel } });
    }
  });

  it('never hands out ipcRenderer or anything carrying it', () => {
    const securus = exposed.securus as Record<string, unknown>;
    const values = Object.values(securus);
    expect(values.every((value) => typeof value === 'function')).toBe(true);
    expect(Object.keys(securus)).not.toContain('ipcRenderer');
    expect(Object.keys(securus).some((name) => /^(invoke|send|on)$/.test(name))).toBe(false);
  });

  it("is typed as the renderer's window.securus without a cast", () => {
    const bridge = buildSecurusBridge(async () => undefined);
    expectTypeOf(bridge).toEqualTypeOf<SecurusBridge>();
    expectTypeOf(bridge).toEqualTypeOf<Window['securus']>();
    expectTypeOf<Window['securus']['getAppInfo']>().parameters.toEqualTypeOf<[Record<string, never>]>();
  });
});
