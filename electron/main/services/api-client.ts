import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { networkInterfaces } from 'node:os';
import { rootCertificates } from 'node:tls';
import axios, { type AxiosInstance } from 'axios';
import {
  API_PREFIX,
  apiRoutes,
  type ApiRequest,
  type ApiResponse,
  type ApiRouteName,
} from '../../../shared/api/routes';
import { SecurusError } from '../../../shared/errors';
import { isLoopbackHost } from '../config/console-config';
import { answerError, transportError } from './api-errors';

export interface HttpClientOptions {
  serverUrl: string;
  timeoutMs: number;
  /** PEM of extra CAs from the machine policy, trusted in addition to the system's roots. */
  caBundle: string | null;
}

/** The one axios instance that talks to the Securus server. */
export function createHttpClient({ serverUrl, timeoutMs, caBundle }: HttpClientOptions): AxiosInstance {
  return axios.create({
    baseURL: `${serverUrl.replace(/\/+$/, '')}${API_PREFIX}`,
    timeout: timeoutMs,
    // Node's `ca` replaces the default roots, so the system's are listed too.
    httpsAgent: new HttpsAgent({
      ca: caBundle === null ? undefined : [...rootCertificates, caBundle],
      keepAlive: true,
    }),
    httpAgent: new HttpAgent({ keepAlive: true }),
    // A redirect could carry the bearer token to another origin; the server never redirects.
    maxRedirects: 0,
    proxy: false,
    maxContentLength: 1024 * 1024,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    headers: { Accept: 'application/json' },
  });
}

export interface ApiCallOptions {
  /** The session token, for routes with `session: 'required'`. */
  token?: string;
}

/** Calls the routes of shared/api/routes.ts and nothing else; every failure is a SecurusError. */
export interface ApiClient {
  call<N extends ApiRouteName>(name: N, request: ApiRequest<N>, options?: ApiCallOptions): Promise<ApiResponse<N>>;
}

export function createApiClient(http: AxiosInstance, hasNetwork: () => boolean = hasNonLoopbackInterface): ApiClient {
  const loopbackServer = isLoopbackHost(new URL(http.defaults.baseURL ?? 'http://invalid').hostname);
  const networkMatters = () => loopbackServer || hasNetwork();
  return {
    async call(name, request, options = {}) {
      const route = apiRoutes[name];
      let data: unknown;
      if (route.request !== null) {
        const parsed = route.request.safeParse(request);
        if (!parsed.success) {
          throw new SecurusError('validation_failed', {
            details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
          });
        }
        data = parsed.data;
      }
      // A GET's request is its query string (shared/api/routes.ts); a POST's is its JSON body.
      const query = route.method === 'GET' ? data : undefined;
      const json = route.method === 'GET' ? undefined : data;
      let answer;
      try {
        answer = await http.request<string>({
          method: route.method,
          url: route.path,
          params: query,
          data: json === undefined ? undefined : JSON.stringify(json),
          headers: {
            ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...(options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` }),
          },
        });
      } catch (error) {
        throw transportError(error, networkMatters);
      }
      const body = parseJson(answer.data);
      if (answer.status !== route.status) {
        throw answerError(answer.status, body, answer.headers['retry-after']);
      }
      const parsed = route.response.safeParse(body);
      if (!parsed.success) {
        throw new SecurusError('bad_response');
      }
      return parsed.data as ApiResponse<typeof name>;
    },
  };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') {
    return text;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Without any non-loopback interface the workstation is offline, whatever the failed connection says. */
export function hasNonLoopbackInterface(): boolean {
  return Object.values(networkInterfaces()).some((addresses) => addresses?.some((address) => !address.internal));
}
