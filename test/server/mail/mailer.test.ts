import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer } from '../../../server/mail/mailer';
import { readOutboxDir } from '../outbox';

describe('createMailer', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0)) {
      await step();
    }
  });

  it('writes RFC 822 files readable only by the server into <dataDir>/outbox without SMTP', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'securus-mail-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const mailer = createMailer({ dataDir, from: 'Securus <no-reply@securus.test>' });
    await mailer.send({
      to: 'kim@securus.test',
      subject: 'Hello',
      text: 'Line one\nReset code: ABCDE-FGHJK-MNPQR-STUVW\n',
    });
    const [file] = readdirSync(join(dataDir, 'outbox'));
    expect(statSync(join(dataDir, 'outbox', file!)).mode & 0o777).toBe(0o600);
    const [mail] = readOutboxDir(join(dataDir, 'outbox'));
    expect(mail).toMatchObject({ to: 'kim@securus.test', subject: 'Hello' });
    expect(mail!.raw).toMatch(/^From: Securus <no-reply@securus.test>$/m);
    expect(mail!.raw).toMatch(/^Message-ID: </m);
    expect(mail!.text).toMatch(/^Reset code: ABCDE-FGHJK-MNPQR-STUVW$/m);
  });

  it('sends over SMTP when SECURUS_SMTP_URL is set', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
    const port = (smtp.server.address() as { port: number }).port;
    const mailer = createMailer({
      dataDir: '/nonexistent',
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'no-reply@securus.test',
    });
    cleanup.push(() => mailer.close());
    expect(mailer.destination).toBe(`smtp://127.0.0.1:${port}`);
    await mailer.send({ to: 'kim@securus.test', subject: 'Over SMTP', text: 'Reset code: ABCDE-FGHJK-MNPQR-STUVW\n' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatch(/^Subject: Over SMTP\r?$/m);
    expect(received[0]).toMatch(/^Reset code: ABCDE-FGHJK-MNPQR-STUVW\r?$/m);
  });
});
