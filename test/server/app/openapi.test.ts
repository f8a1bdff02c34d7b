import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX, apiRoutes } from '../../../shared/api/routes';
import { callApi, startTestServer, type TestServer } from '../harness';

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { operationId: string; requestBody?: unknown; parameters?: unknown[]; responses: Record<string, unknown> }
    >
  >;
}

describe('GET /api/v1/openapi.json', () => {
  let server: TestServer;
  let document: OpenApiDocument;
  beforeAll(async () => {
    server = await startTestServer({ listen: false });
    const reply = await callApi<OpenApiDocument>(server, 'GET', '/openapi.json');
    expect(reply.status).toBe(200);
    document = reply.body;
  });
  afterAll(async () => server.close());

  const documented = () =>
    Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );

  it('documents every registered route, and registers every documented one', () => {
    const registered = server.app.registeredRoutes
      .filter((route) => route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`);
    expect(new Set(documented())).toEqual(new Set(registered));
    expect(registered).toHaveLength(new Set(registered).size);
  });

  it('covers the whole shared route table with its schemas and success status', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const [name, route] of Object.entries(apiRoutes)) {
      const operation = document.paths[`${API_PREFIX}${route.path}`]?.[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(name);
      expect(Object.keys(operation?.responses ?? {})).toContain(String(route.status));
      // A POST's request is its JSON body; a GET's is its query string.
      expect(operation?.requestBody !== undefined).toBe(route.request !== null && route.method === 'POST');
      expect(operation?.parameters !== undefined).toBe(route.request !== null && route.method === 'GET');
    }
  });

  it('describes a GET request as query parameters (security events: limit up to 100, before)', () => {
    const list = document.paths[`${API_PREFIX}/me/security-events`]?.get;
    expect(list?.parameters).toEqual([
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
      { name: 'before', in: 'query', required: false, schema: expect.objectContaining({ type: 'string' }) },
    ]);
  });

  it('describes request fields as JSON Schema (login needs username and password)', () => {
    const login = document.paths[`${API_PREFIX}/auth/login`]?.post?.requestBody as {
      content: { 'application/json': { schema: { required: string[]; properties: Record<string, unknown> } } };
    };
    expect(login.content['application/json'].schema.required).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('is the document committed as docs/openapi.json (regenerate: npm run -s securus -- openapi > docs/openapi.json)', () => {
    const committed: unknown = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../docs/openapi.json'), 'utf8'),
    );
    expect(committed).toEqual(document);
  });
});
