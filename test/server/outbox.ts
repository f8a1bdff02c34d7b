import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  raw: string;
}

function decodeBody(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => `%${hex}`)
      .replace(/%(?![0-9A-F]{2})/gi, '%25');
    return decodeURIComponent(bytes);
  }
  return body;
}

/** The `.eml` files the embedded mailer wrote, oldest first, read as a mail client would (single text part). */
export function readOutboxDir(outboxDir: string): OutboxMail[] {
  if (!existsSync(outboxDir)) {
    return [];
  }
  return readdirSync(outboxDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(outboxDir, file), 'utf8').replace(/\r\n/g, '\n');
      const split = raw.indexOf('\n\n');
      const head = raw.slice(0, split).replace(/\n[ \t]+/g, ' ');
      const headers = new Map<string, string>();
      for (const line of head.split('\n')) {
        const colon = line.indexOf(':');
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const text = decodeBody(raw.slice(split + 2), headers.get('content-transfer-encoding')?.toLowerCase());
      return { file, to: headers.get('to') ?? '', subject: headers.get('subject') ?? '', text, raw };
    });
}

/** The code from a reset mail's own line `Reset code: …`. */
export function resetCodeFrom(mail: OutboxMail): string {
  const match = /^Reset code: ([A-Z0-9-]+)$/m.exec(mail.text);
  if (!match) {
    throw new Error(`no "Reset code:" line in ${mail.file}`);
  }
  return match[1]!;
}
