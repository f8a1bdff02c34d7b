import { describe, expect, it } from 'vitest';
import { invokeChannel, registerIpcHandlers } from '../../../electron/main/ipc/handle';
import type { IpcHandlers } from '../../../electron/main/ipc/handlers';
import { SecurusError } from '../../../shared/errors';
import { IPC_CHANNELS } from '../../../shared/ipc/contract';

type Listener = (event: FakeEvent, ...args: unknown[]) => Promise<unknown>;
interface FakeEvent {
  frame: 'main' | 'subframe' | 'other-window';
}

/** Handlers that record every call; each answers per the contract for the channels these tests use. */
function recordingHandlers(): { handlers: IpcHandlers; calls: string[] } {
  const calls: string[] = [];
  const answers: Partial<Record<string, unknown>> = {
    'settings:set': { theme: 'dark' },
    'auth:login': { status: '2fa_required', methods: ['totp'], expiresAt: '2026-01-01T00:00:00.000Z' },
    'clipboard:copy': { clearsAfterSeconds: 'soon' },
    'auth:logout': 'thrown',
  };
  const handlers = Object.fromEntries(
    IPC_CHANNELS.map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push(`${channel} ${JSON.stringify(request)}`);
        if (answers[channel] === 'thrown') {
          throw new SecurusError('locked', { retryAfterSeconds: 60 });
        }
        return answers[channel];
      },
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}

function registered() {
  const listeners = new Map<string, Listener>();
  const { handlers, calls } = recordingHandlers();
  registerIpcHandlers<FakeEvent>({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, {
    isTrustedSender: (event) => event.frame === 'main',
  });
  const invoke = (channel: string, event: FakeEvent, payload: unknown) => {
    const listener = listeners.get(channel);
    if (listener === undefined) {
      throw new Error(`no listener for ${channel}`);
    }
    return listener(event, payload);
  };
  return { listeners, calls, invoke };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the channels of the contract', () => {
    expect([...registered().listeners.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('refuses a foreign frame before any handler runs', async () => {
    const { calls, invoke } = registered();
    for (const frame of ['subframe', 'other-window'] as const) {
      const result = await invoke('settings:set', { frame }, { theme: 'dark' });
      expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('treats a sender check that throws as untrusted', async () => {
    const listeners = new Map<string, Listener>();
    const { handlers, calls } = recordingHandlers();
    registerIpcHandlers<FakeEvent>({ handle: (channel, listener) => listeners.set(channel, listener) }, handlers, {
      isTrustedSender: () => {
        throw new Error('frame destroyed');
      },
    });
    const result = await listeners.get('settings:get')?.({ frame: 'main' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect(calls).toEqual([]);
  });

  it.each([
    ['a wrong type', { theme: 'purple' }],
    ['an extra field', { theme: 'dark', admin: true }],
    ['no object at all', 'dark'],
    ['an array', [{ theme: 'dark' }]],
  ])('refuses %s as validation_failed before any handler runs', async (_name, payload) => {
    const { calls, invoke } = registered();
    const result = await invoke('settings:set', { frame: 'main' }, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(calls).toEqual([]);
  });

  it('passes a valid request from the main frame to its handler and returns the parsed response', async () => {
    const { calls, invoke } = registered();
    expect(await invoke('settings:set', { frame: 'main' }, { theme: 'dark' })).toEqual({
      ok: true,
      value: { theme: 'dark' },
    });
    expect(calls).toEqual(['settings:set {"theme":"dark"}']);
  });
});

describe('invokeChannel', () => {
  it('turns a thrown SecurusError into its code, with retryAfterSeconds', async () => {
    const { handlers } = recordingHandlers();
    expect(await invokeChannel(handlers, 'auth:logout', {})).toMatchObject({
      ok: false,
      error: { code: 'locked', retryAfterSeconds: 60 },
    });
  });

  it('refuses a response outside the contract as unexpected', async () => {
    const { handlers } = recordingHandlers();
    const result = await invokeChannel(handlers, 'clipboard:copy', { text: 'x', sensitive: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'unexpected' } });
  });

  it('refuses an unknown channel, including names inherited from Object', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const channel of ['admin:shell', 'constructor', '__proto__', 'toString']) {
      expect(await invokeChannel(handlers, channel, {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(calls).toEqual([]);
  });

  it('treats a missing payload as an empty request for channels without input', async () => {
    const { handlers, calls } = recordingHandlers();
    await invokeChannel(handlers, 'settings:get', undefined);
    expect(calls).toEqual(['settings:get {}']);
  });
});
