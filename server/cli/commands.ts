import { Email, NewPassword, Username } from '../../shared/api/common';
import { SecurusError } from '../../shared/errors';
import { buildOpenApiDocument } from '../app/openapi';
import { loadServerConfig } from '../config';
import { systemClock, type EventLog, type ServerContext } from '../context';
import { openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { createUser, findUserByUsername, toAccountRef } from '../domain/accounts';
import { recordSecurityEvent } from '../domain/audit';
import { BackgroundWork } from '../domain/background';
import { removeTwoFactor } from '../domain/enrollment';
import { PasswordHasher } from '../domain/passwords';
import { SecretBox } from '../domain/secret-box';
import { endSessionsOf } from '../domain/sessions';
import { createMailer } from '../mail/mailer';
import { notifyOwner } from '../mail/notifications';
import { resolveSecretKeys } from '../secret-key';
import { readPasswordFromStdin } from './stdin';

export const USAGE = `Usage:
  npm run securus -- user add <username> --email <email> [--display-name <name>]   (password on stdin)
  npm run securus -- user reset-2fa <username>
  npm run -s securus -- openapi > docs/openapi.json`;

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
    secretBox: new SecretBox(resolveSecretKeys(config)),
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

export async function runCommand(args: string[], options: { email?: string; displayName?: string }): Promise<string> {
  const [area, verb, name] = args;
  if (area === 'openapi' && args.length === 1) {
    return JSON.stringify(buildOpenApiDocument(), null, 2);
  }
  if (area !== 'user' || !name || args.length !== 3) {
    throw new Error(`unknown command.\n${USAGE}`);
  }
  const username = parsed(Username, name, 'username');
  if (verb === 'add') {
    const email = parsed(Email, options.email, '--email');
    const password = parsed(NewPassword, await readPasswordFromStdin(), 'password (stdin)');
    const { id } = await withContext(async (ctx) => {
      try {
        return await createUser(ctx, { username, email, password, displayName: options.displayName });
      } catch (error) {
        throw error instanceof SecurusError ? new Error(`user ${username} already exists`) : error;
      }
    });
    return `Created user ${username} (${id}).`;
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
