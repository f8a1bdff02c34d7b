import { Email, NewPassword, UserRole, Username } from '../../shared/api/common';
import { SecurusError } from '../../shared/errors';
import { canonicalUsername } from '../../shared/usernames';
import { buildOpenApiDocument } from '../app/openapi';
import { loadServerConfig } from '../config';
import { systemClock, type EventLog, type ServerContext } from '../context';
import { openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { createUser, findUserByUsername, reportUsernames, toAccountRef, type UsernameReport } from '../domain/accounts';
import { setUserRole } from '../domain/administration';
import { recordSecurityEvent } from '../domain/audit';
import { BackgroundWork } from '../domain/background';
import { removeTwoFactor } from '../domain/enrollment';
import { PasswordHasher } from '../domain/passwords';
import { revokeRememberedWorkstations } from '../domain/remembered-workstations';
import { endSessionsOf } from '../domain/sessions';
import { createMailer } from '../mail/mailer';
import { notifyOwner } from '../mail/notifications';
import { createSecretBox } from '../secret-key';
import { readPasswordFromStdin } from './stdin';
import { OPERATIONS_USAGE, runOperationsCommand } from './operations';

export const USAGE = `Usage:
  npm run securus -- user add <username> --email <email> [--display-name <name>] [--role supervisor|admin]
      (password on stdin; --role defaults to supervisor)
  npm run securus -- user set-role <username> supervisor|admin   (an admin has the console's Supervisors view)
  npm run securus -- user reset-2fa <username>
  npm run securus -- user check-usernames   (exit code 1 when accounts collide under RFC 8265)
  npm run -s securus -- openapi > docs/openapi.json
${OPERATIONS_USAGE}`;

/** Audit lines from the CLI go to stderr as JSON, the same fields the server logs. */
const stderrLog: EventLog = {
  info: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'info', ...fields, msg: message })}\n`),
  warn: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'warn', ...fields, msg: message })}\n`),
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', ...fields, msg: message })}\n`),
};

async function withContext<T>(work: (ctx: ServerContext) => Promise<T>): Promise<T> {
  const config = loadServerConfig();
  const storage = openDatabase(config);
  const mailer = createMailer({ dataDir: config.dataDir, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const ctx: ServerContext = {
    config,
    storage,
    db: storage.db,
    clock: systemClock,
    mailer,
    secretBox: createSecretBox(config),
    passwords: new PasswordHasher(config.passwordHashing),
    background: new BackgroundWork(stderrLog),
    log: stderrLog,
  };
  try {
    await migrateToLatest(storage);
    return await work(ctx);
  } finally {
    await ctx.background.settled();
    mailer.close();
    await storage.close();
  }
}

function parsed<T>(
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } };
  },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new Error(`${what}: ${result.error.issues.map((issue) => issue.message).join(' ')}`);
  }
  return result.data;
}

/** Shows what cannot be seen: a username holding a space or an invisible character is printed with `<U+200B>`. */
function shown(username: string): string {
  return username.replace(
    /[\p{Z}\p{C}\p{Default_Ignorable_Code_Point}]/gu,
    (ch) => `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

function describeUsernames(report: UsernameReport): string {
  const lines = [
    ...report.collisions.map(
      (group) =>
        `These accounts are one username under RFC 8265 and cannot sign in by name until one is renamed: ${group.map(shown).join(', ')}`,
    ),
    ...report.refused.map(
      ({ username, reason }) =>
        `This username is refused by RFC 8265 and cannot sign in by name until it is renamed: ${shown(username)} (${reason})`,
    ),
    ...report.notCanonical.map(
      ({ username, canonical }) =>
        `This username predates RFC 8265 and signs in as ${shown(canonical)} (no action needed): ${shown(username)}`,
    ),
    ...report.staleKey.map(
      (username) =>
        `This account's username key is missing or out of date, so sign-in cannot find it: ${shown(username)}`,
    ),
  ];
  return [...lines, ...(report.collisions.length === 0 ? ['No usernames collide.'] : [])].join('\n');
}

/** `--role` and `set-role`: exactly `supervisor` or `admin`, anything else refused with what was given. */
function roleOf(value: string | undefined, what: string): UserRole {
  const role = UserRole.safeParse(value);
  if (!role.success) {
    throw new Error(`${what} must be supervisor or admin, not "${shown(value ?? '')}"`);
  }
  return role.data;
}

const ROLE_NAMES: Record<UserRole, string> = { supervisor: 'a supervisor', admin: 'an administrator' };

/** What a command prints on stdout, and the process's exit code. */
export interface CommandOutcome {
  output: string;
  exitCode: 0 | 1;
}

export interface CommandOptions {
  email?: string;
  displayName?: string;
  batchSize?: string;
  role?: string;
}

export async function runCommand(args: string[], options: CommandOptions): Promise<CommandOutcome> {
  const operation = await runOperationsCommand(args, options);
  if (operation) {
    return operation;
  }
  const [area, verb] = args;
  if (area === 'user' && verb === 'check-usernames' && args.length === 2) {
    const report = await withContext(reportUsernames);
    return { output: describeUsernames(report), exitCode: report.collisions.length > 0 ? 1 : 0 };
  }
  return { output: await outputOf(args, options), exitCode: 0 };
}

/** The commands whose only outcome is what they print, or a thrown error. */
async function outputOf(args: string[], options: CommandOptions): Promise<string> {
  const [area, verb, name] = args;
  if (area === 'openapi' && args.length === 1) {
    return JSON.stringify(buildOpenApiDocument(), null, 2);
  }
  if (area === 'user' && verb === 'set-role' && name && args.length === 4) {
    return setRole(parsed(Username, name, 'username'), roleOf(args[3], 'role'));
  }
  if (area !== 'user' || !name || args.length !== 3) {
    throw new Error(`unknown command.\n${USAGE}`);
  }
  const username = parsed(Username, name, 'username');
  if (verb === 'add') {
    const role = options.role === undefined ? 'supervisor' : roleOf(options.role, '--role');
    const email = parsed(Email, options.email, '--email');
    const password = parsed(NewPassword, await readPasswordFromStdin(), 'password (stdin)');
    const canonical = canonicalUsername(username);
    if (!canonical.ok) {
      throw new Error(`username: ${canonical.reason}`);
    }
    const created = await withContext(async (ctx) => {
      try {
        return await createUser(ctx, { username, email, password, displayName: options.displayName, role });
      } catch (error) {
        throw error instanceof SecurusError ? new Error(`user ${username} already exists`) : error;
      }
    });
    return `Created user ${created.username} (${created.id}), ${ROLE_NAMES[role]}.`;
  }
  if (verb === 'reset-2fa') {
    return withContext(async (ctx) => {
      const user = await findUserByUsername(ctx, username);
      if (!user) {
        throw new Error(`no user named ${username}`);
      }
      if (!(await removeTwoFactor(ctx, user.id))) {
        return `Two-Factor Authentication is not on for ${username}; nothing changed.`;
      }
      await endSessionsOf(ctx, user.id);
      await revokeRememberedWorkstations(ctx, user, null, 'two_factor_reset_by_admin');
      await recordSecurityEvent(ctx, {
        type: 'two_factor_reset_by_admin',
        userId: user.id,
        account: username,
        ip: null,
        actor: 'admin',
      });
      notifyOwner(ctx, toAccountRef(user), 'two_factor_reset_by_admin');
      return `Two-Factor Authentication reset for ${username}; the owner was notified and every session ended.`;
    });
  }
  throw new Error(`unknown command.\n${USAGE}`);
}

async function setRole(username: string, role: UserRole): Promise<string> {
  return withContext(async (ctx) => {
    try {
      const { username: name, previous } = await setUserRole(ctx, username, role);
      return previous === role
        ? `${name} is already ${ROLE_NAMES[role]}; nothing changed.`
        : `${name} is now ${ROLE_NAMES[role]} (was ${ROLE_NAMES[previous]}); it applies to their next request.`;
    } catch (error) {
      throw error instanceof SecurusError && error.code === 'user_not_found'
        ? new Error(`no user named ${username}`)
        : error;
    }
  });
}
