import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where mail goes, for the start-up line: an SMTP URL without credentials, or the outbox folder. */
  readonly destination: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const OUTBOX_DIR_NAME = 'outbox';

/** SMTP when a URL is configured; otherwise RFC 822 `.eml` files in `<dataDir>/outbox/`, readable only by us. */
export function createMailer(options: { dataDir: string; smtpUrl?: string; from: string }): Mailer {
  if (options.smtpUrl) {
    const url = new URL(options.smtpUrl);
    const transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
      secure: url.protocol === 'smtps:',
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      // Loopback relays in tests and small sites have no TLS; ?ignoreTLS=true opts into plain SMTP explicitly.
      ignoreTLS: url.searchParams.get('ignoreTLS') === 'true',
    });
    return {
      destination: `${url.protocol}//${url.host}`,
      async send(mail) {
        await transport.sendMail({ from: options.from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const outbox = join(options.dataDir, OUTBOX_DIR_NAME);
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    destination: outbox,
    async send(mail) {
      const info = await composer.sendMail({ from: options.from, ...mail });
      mkdirSync(outbox, { recursive: true, mode: 0o700 });
      const name = `${Date.now()}-${randomBytes(6).toString('hex')}.eml`;
      writeFileSync(join(outbox, name), info.message as Buffer, { mode: 0o600, flag: 'wx' });
    },
    close: () => composer.close(),
  };
}
