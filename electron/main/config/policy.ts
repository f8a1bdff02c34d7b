import { posix, win32 } from 'node:path';
import { z } from 'zod';

/** Where IT puts the machine-wide policy; it wins over anything a user or a launcher sets. */
export function policyPath(platform: NodeJS.Platform, env: Record<string, string | undefined> = {}): string {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return `${programData}\\Securus Console\\policy.json`;
  }
  if (platform === 'darwin') {
    return '/Library/Application Support/Securus Console/policy.json';
  }
  return '/etc/securus-console/policy.json';
}

const HttpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/\S+$/, 'Must be an http:// or https:// URL.')
  .refine((value) => URL.canParse(value), 'Must be an http:// or https:// URL.');

/**
 * The machine policy. Strict: an unknown field is an error, so a typo ("serverURL") stops the console with a
 * clear message instead of being silently ignored.
 */
export const MachinePolicy = z
  .object({
    serverUrl: HttpUrl.optional().describe(
      'Address of the Securus server, e.g. https://securus.corp.example. https:// is required, except for a server on this machine (loopback).',
    ),
    caBundlePath: z
      .string()
      .min(1)
      .max(1024)
      .refine((value) => posix.isAbsolute(value) || win32.isAbsolute(value), 'Must be an absolute path.')
      .optional()
      .describe(
        'Absolute path of a PEM file with extra certificate authorities to trust (a corporate TLS CA), in addition to the system ones.',
      ),
    allowHttpLoopbackOnly: z
      .boolean()
      .default(true)
      .describe(
        'true (default): plain http:// is accepted only for a loopback server (127.0.0.1, ::1, localhost). false: https:// is required for every server, loopback included.',
      ),
    issuerDisplayName: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Organisation name the console shows next to Securus, e.g. on the sign-in screen. Defaults to "Securus".',
      ),
    updateUrl: z
      .string()
      .max(2048)
      .regex(/^https:\/\/\S+$/, 'Must be an https:// URL.')
      .refine((value) => URL.canParse(value), 'Must be an https:// URL.')
      .optional()
      .describe(
        'https:// address of the internal update feed the console checks for new versions. Omit to disable update checks.',
      ),
    requestTimeoutSeconds: z
      .number()
      .int()
      .min(1)
      .max(120)
      .default(15)
      .describe('How long the console waits for the server before it reports a timeout.'),
    externalLinkOrigins: z
      .array(
        z
          .string()
          .regex(/^https:\/\/[^/\s]+$/, 'Must be an https:// origin such as https://help.corp.example (no path).')
          .refine(
            (value) => URL.canParse(value) && new URL(value).origin === value && new URL(value).protocol === 'https:',
            'Must be an https:// origin such as https://help.corp.example (no path).',
          ),
      )
      .max(50)
      .default([])
      .describe(
        "Extra https:// origins whose links the console may open in the browser (the server's own origin is always allowed).",
      ),
    helpContact: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\u0000-\u001f\u007f]+$/, 'Must be one line of text, without control characters.')
      .optional()
      .describe(
        'Who supervisors contact when they cannot sign in (a lockout), shown after "contact", e.g. "the IT service desk on extension 4357". Without it the console says "ask your administrator".',
      ),
  })
  .strict();
export type MachinePolicy = z.infer<typeof MachinePolicy>;

/** What stops the console: the file and the field IT must fix, and why. */
export interface ConfigurationProblem {
  file: string;
  field: string;
  message: string;
}

export type PolicyParseResult = { ok: true; policy: MachinePolicy } | { ok: false; problem: ConfigurationProblem };

export function parsePolicy(text: string, file: string): PolicyParseResult {
  let json: unknown;
  try {
    // Windows PowerShell 5's `Set-Content -Encoding UTF8` writes a byte-order mark, which JSON.parse refuses.
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { file, field: '(file)', message: `The file is not valid JSON: ${reason}` } };
  }
  const parsed = MachinePolicy.safeParse(json);
  if (parsed.success) {
    return { ok: true, policy: parsed.data };
  }
  const issue = parsed.error.issues[0];
  if (issue === undefined) {
    return { ok: false, problem: { file, field: '(file)', message: 'The policy is not valid.' } };
  }
  if (issue.code === 'unrecognized_keys') {
    const field = [...issue.path, issue.keys[0] ?? ''].join('.');
    return {
      ok: false,
      problem: { file, field, message: `"${field}" is not a policy field. Check its spelling against docs/policy.md.` },
    };
  }
  const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
  return { ok: false, problem: { file, field, message: issue.message } };
}
