import { describe, expect, it } from 'vitest';
import { KeytarSecretStore, MemorySecretStore } from '../../../electron/main/services/secret-store';
import {
  createWorkstationTokens,
  workstationAccount,
  workstationLabel,
} from '../../../electron/main/services/workstation-token';
import { keyringAvailable, keyringRequired, loadKeytar } from '../support/keyring';

const SERVER = 'https://securus.example.test';
const TOKEN = 'A'.repeat(43);

describe('workstation token naming', () => {
  it('one entry per server and account, compared as the server compares usernames', () => {
    expect(workstationAccount(SERVER, 'Alice')).toBe(workstationAccount(SERVER, 'alice'));
    expect(workstationAccount(SERVER, 'alice')).not.toBe(workstationAccount('https://other.test', 'alice'));
    expect(workstationAccount(SERVER, 'alice')).not.toBe(workstationAccount(SERVER, 'bob'));
  });

  it("labels the workstation with the computer's name, cut to 64 characters, or a plain word", () => {
    expect(workstationLabel('FRONT-DESK-01')).toBe('FRONT-DESK-01');
    expect(workstationLabel('x'.repeat(80))).toBe('x'.repeat(64));
    expect(workstationLabel('bad\u0007name')).toBe('Workstation');
    expect(workstationLabel('')).toBe('Workstation');
  });
});

describe('memory fallback', () => {
  it('cannot remember: nothing is kept and nothing is read', async () => {
    const store = new MemorySecretStore();
    const tokens = createWorkstationTokens({ secretStore: store, serverUrl: SERVER });
    expect(tokens.canRemember).toBe(false);
    await tokens.keep('alice', { token: TOKEN, expiresAt: '2999-01-01T00:00:00.000Z' });
    expect(await store.get(workstationAccount(SERVER, 'alice'))).toBeNull();
    await store.set(
      workstationAccount(SERVER, 'alice'),
      JSON.stringify({ token: TOKEN, expiresAt: '2999-01-01T00:00:00Z' }),
    );
    expect(await tokens.read('alice')).toBeUndefined();
  });
});

describe.runIf(keyringAvailable || keyringRequired)('OS keychain (real Secret Service)', () => {
  it('reads back a live token, and erases an expired or damaged one instead of sending it', async () => {
    const store = new KeytarSecretStore(loadKeytar(), `Securus Console token test ${process.pid} ${Math.random()}`);
    let now = Date.parse('2030-01-01T00:00:00Z');
    const tokens = createWorkstationTokens({ secretStore: store, serverUrl: SERVER, now: () => now });
    expect(tokens.canRemember).toBe(true);
    await tokens.keep('Alice', { token: TOKEN, expiresAt: '2030-01-08T00:00:00.000Z' });
    expect(await tokens.read('alice')).toBe(TOKEN);
    now = Date.parse('2030-01-08T00:00:00Z');
    expect(await tokens.read('alice')).toBeUndefined();
    expect(await store.get(workstationAccount(SERVER, 'alice'))).toBeNull();
    await store.set(workstationAccount(SERVER, 'bob'), 'not json');
    expect(await tokens.read('bob')).toBeUndefined();
    expect(await store.get(workstationAccount(SERVER, 'bob'))).toBeNull();
  });
});
