import { parsePolicy, policyPath, type ConfigurationProblem, type MachinePolicy } from './policy';

export type ServerUrlSource = 'policy' | 'user' | 'env' | 'argv';

/** Everything the main process needs to know about where and how to reach the server. */
export interface ConsoleConfig {
  serverUrl: string;
  serverUrlSource: ServerUrlSource;
  /** PEM text of the policy's extra CA bundle, read once at start. */
  caBundle: string | null;
  caBundlePath: string | null;
  issuerDisplayName: string;
  updateUrl: string | null;
  requestTimeoutMs: number;
  /** Who supervisors contact when they cannot sign in (IT's help desk); null: the console says "your administrator". */
  helpContact: string | null;
  /** Origins whose links may be opened in the browser: the server's own and the policy's. */
  externalLinkOrigins: string[];
  policyFile: string;
  policyFound: boolean;
}

export type ConsoleConfigResult = { ok: true; config: ConsoleConfig } | { ok: false; problem: ConfigurationProblem };

export interface ConsoleConfigSources {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  argv: readonly string[];
  /** Reads a file as UTF-8; rejects with a Node error (its `code` tells a missing file from an unreadable one). */
  readFile: (path: string) => Promise<string>;
  userSettings?: { serverUrl?: string | undefined } | undefined;
}

export const DEFAULT_ISSUER_DISPLAY_NAME = 'Securus';

export async function loadConsoleConfig(sources: ConsoleConfigSources): Promise<ConsoleConfigResult> {
  const file = policyPath(sources.platform, sources.env);
  const loaded = await readPolicy(file, sources.readFile);
  if (!loaded.ok) {
    return loaded;
  }
  const policy = loaded.policy ?? DEFAULT_POLICY;
  const candidate = chooseServerUrl(policy, sources, file);
  if (candidate === null) {
    return problem(
      file,
      'serverUrl',
      'No Securus server is configured. IT sets serverUrl in this policy file (or SECURUS_SERVER_URL / --server-url for testing).',
    );
  }
  const urlProblem = checkServerUrl(candidate.url, policy.allowHttpLoopbackOnly);
  if (urlProblem !== null) {
    return problem(candidate.where, candidate.field, urlProblem);
  }
  let caBundle: string | null = null;
  if (policy.caBundlePath !== undefined) {
    try {
      caBundle = await sources.readFile(policy.caBundlePath);
    } catch (error) {
      return problem(
        file,
        'caBundlePath',
        `The CA bundle ${policy.caBundlePath} cannot be read (${errorCode(error)}).`,
      );
    }
    if (!caBundle.includes('-----BEGIN CERTIFICATE-----')) {
      return problem(file, 'caBundlePath', `The CA bundle ${policy.caBundlePath} holds no PEM certificate.`);
    }
  }
  const serverUrl = candidate.url.replace(/\/+$/, '');
  return {
    ok: true,
    config: {
      serverUrl,
      serverUrlSource: candidate.source,
      caBundle,
      caBundlePath: policy.caBundlePath ?? null,
      issuerDisplayName: policy.issuerDisplayName ?? DEFAULT_ISSUER_DISPLAY_NAME,
      updateUrl: policy.updateUrl ?? null,
      requestTimeoutMs: policy.requestTimeoutSeconds * 1000,
      helpContact: policy.helpContact ?? null,
      externalLinkOrigins: [...new Set([new URL(serverUrl).origin, ...policy.externalLinkOrigins])],
      policyFile: file,
      policyFound: loaded.policy !== null,
    },
  };
}

const DEFAULT_POLICY: MachinePolicy = {
  allowHttpLoopbackOnly: true,
  requestTimeoutSeconds: 15,
  externalLinkOrigins: [],
};

async function readPolicy(
  file: string,
  readFile: ConsoleConfigSources['readFile'],
): Promise<{ ok: true; policy: MachinePolicy | null } | { ok: false; problem: ConfigurationProblem }> {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return { ok: true, policy: null };
    }
    return problem(
      file,
      '(file)',
      `The policy file exists but cannot be read (${errorCode(error)}). IT must make it readable by every user.`,
    );
  }
  const parsed = parsePolicy(text, file);
  return parsed.ok ? { ok: true, policy: parsed.policy } : parsed;
}

function chooseServerUrl(
  policy: MachinePolicy,
  sources: ConsoleConfigSources,
  file: string,
): { url: string; source: ServerUrlSource; where: string; field: string } | null {
  if (policy.serverUrl !== undefined) {
    return { url: policy.serverUrl, source: 'policy', where: file, field: 'serverUrl' };
  }
  const user = sources.userSettings?.serverUrl;
  if (user) {
    return { url: user, source: 'user', where: 'user settings', field: 'serverUrl' };
  }
  const fromEnv = sources.env.SECURUS_SERVER_URL;
  if (fromEnv) {
    return { url: fromEnv, source: 'env', where: 'environment', field: 'SECURUS_SERVER_URL' };
  }
  const fromArgv = serverUrlArgument(sources.argv);
  return fromArgv ? { url: fromArgv, source: 'argv', where: 'command line', field: '--server-url' } : null;
}

function serverUrlArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--server-url=')) {
      return arg.slice('--server-url='.length);
    }
    if (arg === '--server-url') {
      return argv[i + 1] ?? null;
    }
  }
  return null;
}

/** https everywhere; plain http only for a server on this machine, where there is no network to protect. */
export function checkServerUrl(url: string, allowHttpLoopback: boolean): string | null {
  if (!URL.canParse(url)) {
    return `"${url}" is not a URL.`;
  }
  const parsed = new URL(url);
  if (parsed.username || parsed.password) {
    return 'The server address must not contain a user name or password.';
  }
  if (parsed.protocol === 'https:') {
    return null;
  }
  if (parsed.protocol !== 'http:') {
    return 'The server address must start with https://.';
  }
  if (!isLoopbackHost(parsed.hostname)) {
    return 'The server address must use https:// (plain http:// is accepted only for a server on this machine).';
  }
  return allowHttpLoopback ? null : 'The policy requires https:// even for a server on this machine.';
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function problem(file: string, field: string, message: string): { ok: false; problem: ConfigurationProblem } {
  return { ok: false, problem: { file, field, message } };
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'unknown error';
}
