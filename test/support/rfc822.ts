/**
 * A small RFC 822 / MIME reader for tests: enough to read what nodemailer sends (headers, one text part, quoted-
 * printable or base64 bodies, simple multipart). Written here because mailparser is not a dependency.
 */
export interface ParsedMail {
  headers: Map<string, string>;
  to: string;
  subject: string;
  text: string;
  raw: string;
}

function splitHeadersAndBody(raw: string): { head: string; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  return end < 0 ? { head: normalized, body: '' } : { head: normalized.slice(0, end), body: normalized.slice(end + 2) };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = head.replace(/\n[ \t]+/g, ' ');
  for (const line of unfolded.split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
  }
  return headers;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in headers such as Subject. */
function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_match, _charset: string, encoding: string, text: string) => {
      if (encoding.toUpperCase() === 'B') {
        return Buffer.from(text, 'base64').toString('utf8');
      }
      return decodeQuotedPrintable(text.replace(/_/g, ' '));
    });
}

function decodeQuotedPrintable(text: string): string {
  const softBreaksRemoved = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < softBreaksRemoved.length; i += 1) {
    const char = softBreaksRemoved[i]!;
    const hex = softBreaksRemoved.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(char, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, transferEncoding: string | undefined): string {
  switch ((transferEncoding ?? '').toLowerCase()) {
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** The text/plain content of a message or MIME entity, searching multipart containers depth first. */
function plainText(head: Map<string, string>, body: string): string | null {
  const contentType = head.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (/^multipart\//i.test(contentType) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) {
        break;
      }
      const entity = splitHeadersAndBody(part.replace(/^\n/, ''));
      const found = plainText(parseHeaders(entity.head), entity.body);
      if (found !== null) {
        return found;
      }
    }
    return null;
  }
  return /^text\/plain/i.test(contentType) ? decodeBody(body, head.get('content-transfer-encoding')) : null;
}

export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHeadersAndBody(raw);
  const headers = parseHeaders(head);
  return {
    headers,
    to: decodeEncodedWords(headers.get('to') ?? ''),
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    text: (plainText(headers, body) ?? '').replace(/\r\n/g, '\n'),
    raw,
  };
}
