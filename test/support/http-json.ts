import { Agent, request } from 'node:http';

/**
 * Real HTTP calls to a listening test server (a loopback socket, not `inject`), so races and limits are exercised
 * through the same network stack a console uses. `localAddress` picks the client's address on 127.0.0.0/8, which
 * lets a test act as several workstations.
 */
export interface HttpReply<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
  elapsedMs: number;
}

export interface RequestOptions {
  token?: string;
  headers?: Record<string, string>;
  /** Sent verbatim instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  localAddress?: string;
}

const keepAliveAgent = new Agent({ keepAlive: true, maxSockets: Infinity });

export function httpRequest<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<HttpReply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined = options.rawBody;
  if (payload === undefined && body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.token) {
    headers.authorization = `Bearer ${options.token}`;
  }
  if (payload !== undefined) {
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const url = new URL(`${baseUrl}${path}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method, headers, agent: options.localAddress ? undefined : keepAliveAgent, localAddress: options.localAddress },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const replyHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const item of [value ?? []].flat()) {
              replyHeaders.append(name, item);
            }
          }
          let parsed: unknown = undefined;
          try {
            parsed = text.length > 0 ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const elapsedMs = performance.now() - started;
          resolve({ status: incoming.statusCode ?? 0, headers: replyHeaders, body: parsed as T, text, elapsedMs });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

export function postJson<T = unknown>(baseUrl: string, path: string, body: unknown, options: RequestOptions = {}) {
  return httpRequest<T>(baseUrl, 'POST', path, body, options);
}

export function getJson<T = unknown>(baseUrl: string, path: string, options: RequestOptions = {}) {
  return httpRequest<T>(baseUrl, 'GET', path, undefined, options);
}

/** The error code of an `ApiErrorBody` reply, or undefined when the body is not one. */
export function errorCodeOf(reply: HttpReply): string | undefined {
  const body = reply.body as { error?: { code?: unknown } } | undefined;
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
}
