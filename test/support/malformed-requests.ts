import type { ApiRoute } from '../../shared/api/routes';

/**
 * A deterministic generator of malformed requests for one route of the API table: same seed, same requests, so a
 * failure found once is found again. Covers wrong types, missing and extra fields, bad JSON, wrong content types,
 * huge and deeply nested bodies, unicode/NUL/lone surrogates, huge numbers, bogus tokens, wrong methods and paths.
 */
export interface MalformedRequest {
  description: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Which bearer token to attach: none, a made-up one, or a real session (to get past authentication). */
  auth: 'none' | 'bogus' | 'session';
}

/** mulberry32: tiny, seedable, good enough to pick test inputs. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MIB = 1024 * 1024;

const HOSTILE_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  '',
  ' ',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '🚀'.repeat(40),
  'Zoë Ångström 北京',
  'a'.repeat(5000),
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/x}',
  '%00%ff',
  '123456',
  '1234567',
  'K7QX9-2MFPA-H3WZT',
  [],
  ['123456'],
  {},
  { $gt: '' },
  { toString: 'x' },
  JSON.parse(`${'['.repeat(64)}${']'.repeat(64)}`) as unknown,
];

const RAW_BODIES: Array<[string, string | Buffer]> = [
  ['truncated JSON', '{"a":'],
  ['trailing comma', '{"a":1,}'],
  ['single quotes', "{'a':1}"],
  ['bare word', 'undefined'],
  ['NaN literal', '{"a":NaN}'],
  ['NUL byte', '\u0000'],
  ['byte-order mark', '\ufeff{}'],
  ['huge number literal', `{"code":1${'0'.repeat(400)}}`],
  ['infinite exponent', '{"code":1e999}'],
  ['duplicate keys', '{"username":"a","username":{"b":1}}'],
  ['proto pollution', '{"__proto__":{"admin":true}}'],
  ['constructor pollution', '{"constructor":{"prototype":{"admin":true}}}'],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])],
  ['escaped lone surrogate', '{"username":"\\ud800","password":"\\udfff","code":"\\ud83d"}'],
  ['deep array nesting', '['.repeat(100_000) + ']'.repeat(100_000)],
  ['deep object nesting', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)],
  ['unterminated deep nesting', '['.repeat(200_000)],
  ['top-level array', '[]'],
  ['top-level string', '"hello"'],
  ['top-level number', '42'],
  ['top-level null', 'null'],
  ['empty', ''],
  ['whitespace only', ' \n\t '],
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/json; charset=utf-16le',
  'application/xml',
  'application/json, text/plain',
  'application/jsonx',
  'APPLICATION/JSON',
  '*/*',
];

const BOGUS_AUTHORIZATION = [
  'Bearer ',
  'Bearer x',
  'Bearer null',
  'Bearer undefined',
  'Basic dXNlcjpwYXNz',
  `Bearer ${'A'.repeat(10_000)}`,
  'Bearer  two  spaces',
  'bearer lowercase-scheme',
  'Bearer %00',
  'Bearer ../../admin',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
];

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function fieldNames(route: ApiRoute): string[] {
  const schema = route.request as { shape?: Record<string, unknown> } | null;
  return schema?.shape ? Object.keys(schema.shape) : [];
}

function plausibleValue(field: string, random: () => number): unknown {
  const byName: Record<string, unknown> = {
    username: `fuzz-user-${Math.floor(random() * 1000)}`,
    password: 'fuzz password value',
    newPassword: 'fuzz new password value',
    login: 'fuzz@securus.test',
    code: '123456',
    secondFactorCode: '654321',
    challengeToken: 'fuzz-challenge-token',
    enrollmentId: 'fuzz-enrollment',
    token: 'FUZZ-TOKEN-ABCDE-FGHJK',
    removeTwoFactor: true,
  };
  return byName[field] ?? 'x';
}

function bodyCase(route: ApiRoute, random: () => number): { description: string; body: string | Buffer } {
  const fields = fieldNames(route);
  const base = Object.fromEntries(fields.map((field) => [field, plausibleValue(field, random)]));
  const kind = Math.floor(random() * 6);
  if (kind === 0 && fields.length > 0) {
    const field = pick(random, fields);
    const value = pick(random, HOSTILE_VALUES);
    return {
      description: `${field} = ${JSON.stringify(value)?.slice(0, 40)}`,
      body: JSON.stringify({ ...base, [field]: value }),
    };
  }
  if (kind === 1) {
    const kept = Object.fromEntries(Object.entries(base).filter(() => random() < 0.5));
    return { description: `fields kept: ${Object.keys(kept).join(',') || 'none'}`, body: JSON.stringify(kept) };
  }
  if (kind === 2) {
    const extra = pick(random, ['admin', 'isAdmin', 'time', 'userId', 'role', '', '\u0000', 'a'.repeat(300)]);
    return {
      description: `extra field ${JSON.stringify(extra).slice(0, 20)}`,
      body: JSON.stringify({ ...base, [extra]: pick(random, HOSTILE_VALUES) }),
    };
  }
  if (kind === 3) {
    const [description, body] = pick(random, RAW_BODIES);
    return { description, body };
  }
  if (kind === 4) {
    const values = Object.fromEntries(fields.map((field) => [field, pick(random, HOSTILE_VALUES)]));
    return { description: 'every field hostile', body: JSON.stringify(values) };
  }
  return { description: 'plausible values', body: JSON.stringify(base) };
}

function hugeBody(route: ApiRoute, size: number): string {
  const field = fieldNames(route)[0] ?? 'padding';
  return JSON.stringify({ [field]: 'x'.repeat(size) });
}

export function malformedRequests(route: ApiRoute, prefix: string, seed: number, count: number): MalformedRequest[] {
  const random = seededRandom(seed);
  const path = `${prefix}${route.path}`;
  const json = { 'content-type': 'application/json' };
  const auth: MalformedRequest['auth'] = route.session === 'required' ? 'session' : 'none';
  const requests: MalformedRequest[] = [
    { description: '1 MiB + 1 byte body', method: 'POST', path, headers: json, body: hugeBody(route, MIB + 1), auth },
    { description: '3 MiB body', method: 'POST', path, headers: json, body: hugeBody(route, 3 * MIB), auth },
  ];
  // Every string field once with a NUL and once with a lone surrogate: PostgreSQL text refuses NUL outright.
  const base = Object.fromEntries(fieldNames(route).map((field) => [field, plausibleValue(field, random)]));
  for (const field of fieldNames(route)) {
    for (const value of ['a\u0000b', '\ud800x']) {
      const body = JSON.stringify({ ...base, [field]: value });
      requests.push({
        description: `${field} = ${JSON.stringify(value)}`,
        method: 'POST',
        path,
        headers: json,
        body,
        auth,
      });
    }
  }
  if (route.session === 'required') {
    // One well-formed request without a token, so every session route is seen refusing it (not left to the dice).
    const body = route.method === 'POST' ? JSON.stringify(base) : undefined;
    requests.push({ description: 'no session token', method: route.method, path, headers: json, body, auth: 'none' });
  }
  for (let i = requests.length; i < count; i += 1) {
    const roll = random();
    if (roll < 0.55 && route.method === 'POST') {
      const { description, body } = bodyCase(route, random);
      requests.push({ description, method: 'POST', path, headers: json, body, auth });
    } else if (roll < 0.7) {
      const contentType = pick(random, CONTENT_TYPES);
      const { body } = bodyCase(route, random);
      requests.push({
        description: `content-type ${contentType}`,
        method: route.method,
        path,
        headers: { 'content-type': contentType },
        body,
        auth,
      });
    } else if (roll < 0.8) {
      const authorization = pick(random, BOGUS_AUTHORIZATION);
      const { body } = bodyCase(route, random);
      const headers = route.method === 'POST' ? { ...json, authorization } : { authorization };
      requests.push({
        description: `authorization ${authorization.slice(0, 30)}`,
        method: route.method,
        path,
        headers,
        body: route.method === 'POST' ? body : undefined,
        auth: 'bogus',
      });
    } else if (roll < 0.9) {
      const method = pick(
        random,
        OTHER_METHODS.filter((other) => other !== route.method),
      );
      requests.push({ description: `method ${method}`, method, path, headers: json, body: '{}', auth });
    } else {
      const suffix = pick(random, [
        '/',
        '//',
        '?a=1&a=2',
        '?__proto__[x]=1',
        '/%00',
        '/..%2f..%2fetc',
        '?code=123456',
        '.json',
        '%20',
      ]);
      requests.push({
        description: `path ${path}${suffix}`,
        method: route.method,
        path: `${path}${suffix}`,
        headers: route.method === 'POST' ? json : {},
        body: route.method === 'POST' ? '{}' : undefined,
        auth,
      });
    }
  }
  return requests;
}
