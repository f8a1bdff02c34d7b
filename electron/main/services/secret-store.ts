/**
 * Where the session token lives between runs. The OS keychain (keytar) when there is one; otherwise memory only,
 * so a sign-in lasts one run. Never a plaintext file (SECURITY.md, Electron).
 */
export interface SecretStore {
  readonly kind: 'os' | 'memory';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

/** The part of keytar the console uses; passed in so this module never loads the native addon itself. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Securus Console';

export class KeytarSecretStore implements SecretStore {
  readonly kind = 'os' as const;

  constructor(
    private readonly keytar: KeytarApi,
    private readonly service: string = KEYCHAIN_SERVICE,
  ) {}

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }

  async delete(account: string): Promise<void> {
    await this.keytar.deletePassword(this.service, account);
  }
}

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<void> {
    this.secrets.delete(account);
  }
}

export const MEMORY_FALLBACK_NOTICE =
  'No OS keychain is available, so your sign-in is kept in memory only and ends when the console closes.';

export interface CreateSecretStoreOptions {
  service?: string;
  /** Told once, when the keychain cannot be used, why the console falls back to memory. */
  onFallback?: (notice: string, reason: string) => void;
  probeTimeoutMs?: number;
}

/**
 * Writes, reads back and erases a probe item: a keychain that is missing, locked or refuses writes only shows
 * itself on use, and a sign-in that silently fails to persist would surprise the user at the next start.
 */
export async function createSecretStore(
  keytar: KeytarApi | null,
  options: CreateSecretStoreOptions = {},
): Promise<SecretStore> {
  const service = options.service ?? KEYCHAIN_SERVICE;
  if (keytar === null) {
    options.onFallback?.(MEMORY_FALLBACK_NOTICE, 'keytar could not be loaded');
    return new MemorySecretStore();
  }
  const store = new KeytarSecretStore(keytar, service);
  const probeAccount = `probe-${process.pid}-${Date.now()}`;
  try {
    await withTimeout(probe(store, probeAccount), options.probeTimeoutMs ?? 5000);
    return store;
  } catch (error) {
    options.onFallback?.(MEMORY_FALLBACK_NOTICE, error instanceof Error ? error.message : String(error));
    return new MemorySecretStore();
  }
}

async function probe(store: KeytarSecretStore, account: string): Promise<void> {
  await store.set(account, 'probe');
  const readBack = await store.get(account);
  await store.delete(account);
  if (readBack !== 'probe') {
    throw new Error('the keychain did not return what was stored');
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the keychain did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
