import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ApiErrorBody } from '../../shared/api/common';
import { API_PREFIX, apiRoutes, type ApiRoute } from '../../shared/api/routes';
import { SERVER_VERSION } from './routes/server-info';

export const OPENAPI_PATH = '/openapi.json';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** A GET's request schema is its query string: one OpenAPI parameter per field of the object. */
function queryParameters(schema: z.ZodType): Array<Record<string, unknown>> {
  const { properties = {}, required = [] } = jsonSchema(schema, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    schema: property,
  }));
}

const errorResponse = {
  description: 'An error: `{error:{code,message}}` with a code from shared/errors.ts',
  content: { 'application/json': { schema: jsonSchema(ApiErrorBody, 'output') } },
};

/** What a route asks of its session beyond being signed in. */
function notesOf(route: ApiRoute): string {
  return [
    ...(route.admin ? ['Administrators only: any other session gets 403 `forbidden`.'] : []),
    ...(route.stepUp ? ['Needs a password entered in the last 10 minutes (POST /auth/reauth).'] : []),
  ].join(' ');
}

/** The OpenAPI 3.1 document, generated from the one route table the server registers. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, route] of Object.entries(apiRoutes) as Array<[string, ApiRoute]>) {
    const operations = (paths[`${API_PREFIX}${route.path}`] ??= {});
    operations[route.method.toLowerCase()] = {
      operationId: name,
      security: route.session === 'required' ? [{ bearer: [] }] : [],
      ...(route.admin || route.stepUp ? { description: notesOf(route) } : {}),
      ...(route.request && route.method === 'GET' ? { parameters: queryParameters(route.request) } : {}),
      ...(route.request && route.method === 'POST'
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(route.request, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.status)]: {
          description: 'Success',
          content: { 'application/json': { schema: jsonSchema(route.response, 'output') } },
        },
        default: errorResponse,
      },
    };
  }
  paths[`${API_PREFIX}${OPENAPI_PATH}`] = {
    get: {
      operationId: 'openApi',
      security: [],
      responses: {
        '200': { description: 'This document', content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Securus auth server', version: SERVER_VERSION },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}

export function registerOpenApi(app: FastifyInstance): void {
  const document = buildOpenApiDocument();
  app.get(`${API_PREFIX}${OPENAPI_PATH}`, async () => document);
}
