import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../../electron/preview/server';
import { SQLITE_FILE_NAME } from '../../../server/db/connect';
import { administratorOfEvent } from '../../../server/domain/administration';
import type { Account } from './console';

/**
 * `npm run securus -- user add`, as IT runs it, against the preview's running embedded server's data folder; the
 * password goes in on stdin. Resolves with the account once the command reports it created.
 */
export async function addAccountWithCli(
  dataDir: string,
  options: { username: string; displayName: string; role: 'admin' | 'supervisor' },
): Promise<Account & { email: string }> {
  const account = {
    username: options.username,
    password: `pw-${randomBytes(12).toString('base64url')}`,
    email: `${options.username}@example.test`,
  };
  const args = ['server/cli.ts', 'user', 'add', account.username, '--email', account.email];
  args.push('--display-name', options.displayName, '--role', options.role);
  const child = spawn(join(PROJECT_ROOT, 'node_modules/.bin/tsx'), args, {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SECURUS_DATA_DIR: dataDir },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(`${account.password}\n`);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (status !== 0 || !output.includes(`Created user ${account.username}`)) {
    throw new Error(`securus user add ${account.username} failed (${status}): ${output}`);
  }
  return account;
}

/** The text of every mail in the outbox sent to `address`, quoted-printable line breaks undone. */
export async function mailsTo(outboxDir: string, address: string): Promise<string[]> {
  const names = (await readdir(outboxDir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml'));
  const texts = await Promise.all(names.map((name) => readFile(join(outboxDir, name), 'utf8')));
  return texts
    .map((text) => text.replace(/=\r?\n/g, ''))
    .filter((text) => new RegExp(`^To: .*${address.replace(/[.]/g, '\\.')}`, 'mi').test(text));
}

/** The audit rows of one kind for one account, read from the server's own database as an auditor would. */
export function auditedAdministratorActions(dataDir: string, username: string, type: string) {
  const db = new Database(join(dataDir, SQLITE_FILE_NAME), { readonly: true, fileMustExist: true });
  try {
    const rows = db
      .prepare(
        'SELECT e.reason FROM security_events e JOIN users u ON u.id = e.user_id WHERE u.username = ? AND e.type = ?',
      )
      .all(username, type) as { reason: string | null }[];
    return rows.map((row) => administratorOfEvent(row.reason));
  } finally {
    db.close();
  }
}
